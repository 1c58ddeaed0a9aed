import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import type { ProcessDefinition, ProcessTemplate } from './api';
import { blankProcess, cloneProcess, templatesFor } from './process-model';
import type { ProcessWords } from './process-shared';

interface Props {
  templates: readonly ProcessTemplate[];
  /** The item's category: templates for it come first and are marked. */
  category: string;
  words: ProcessWords;
  onPick: (process: ProcessDefinition) => void;
}

/** Where an item without a process starts: a template that suits its kind of power, or a blank process. */
export function TemplatePicker({ templates, category, words, onPick }: Props) {
  const t = useT();
  const ordered = templatesFor(templates, category);
  return (
    <Flex vertical gap={12} data-testid="process-templates">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('process.noneYet')} style={{ margin: '8px 0' }} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('process.templatesIntro')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {ordered.map((x) => {
          const steps = x.process.nodes.filter((n) => n.kind === 'step').length;
          return (
            <Col key={x.code} xs={24} md={12}>
              <Card
                size="small"
                className="process-template"
                data-testid={`process-template-${x.code}`}
                title={
                  <Flex gap={6} wrap align="center">
                    <span style={{ whiteSpace: 'normal' }}>{words.pick(x)}</span>
                    {x.categories.includes(category) ? <Tag color="blue">{t('process.templateFits')}</Tag> : null}
                  </Flex>
                }
                actions={[
                  <Button
                    key="use"
                    type="link"
                    aria-label={t('process.templateUseAria', { name: words.pick(x) })}
                    onClick={() => onPick(cloneProcess(x.process))}
                  >
                    {t('process.templateUse')}
                  </Button>,
                ]}
              >
                <Typography.Paragraph style={{ marginBottom: 4 }}>{x.description}</Typography.Paragraph>
                <Typography.Text type="secondary">{t('process.templateSteps', { n: steps })}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <div>
        <Button icon={<FileAddOutlined />} data-testid="process-blank" onClick={() => onPick(blankProcess())}>
          {t('process.blank')}
        </Button>
      </div>
    </Flex>
  );
}
