/** The namespaces a BPMN document of Sunlit's uses, shared by the export and the import. */
export const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const BPMNDI_NS = 'http://www.omg.org/spec/BPMN/20100524/DI';
export const DC_NS = 'http://www.omg.org/spec/DD/20100524/DC';
export const DI_NS = 'http://www.omg.org/spec/DD/20100524/DI';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** Sunlit's extension elements (duty, performer, limit, clock stop, risk points): documented in docs/bpmn.md. */
export const SUNLIT_NS = 'urn:sunlit:schema:bpmn:1.0';
