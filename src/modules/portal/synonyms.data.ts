import type { SynonymEntry } from './search.rules.ts';

/**
 * The synonym list a county starts with (seeded by `sunlit migrate` when the county has none; after that the
 * county's legal reviewer edits it through `PUT /api/v1/search/synonyms` and migrate leaves it alone).
 *
 * Each entry is an abbreviation or everyday word citizens type (what 12345 hotlines and service-centre windows
 * hear) and the words the power lists actually use. `note` says where the pairing comes from. Expansions are
 * chosen so that they occur in real county lists (the demo county's included); a query word containing the term
 * also matches with each expansion in its place, and the other way round.
 */
export const DEFAULT_SYNONYMS: SynonymEntry[] = [
  { term: '环评', expansions: ['环境影响评价'], note: '通用简称，见《中华人民共和国环境影响评价法》' },
  { term: '低保', expansions: ['最低生活保障'], note: '通用简称，见《社会救助暂行办法》第二章' },
  { term: '危改', expansions: ['危房改造'], note: '农村危房改造的通用简称（住房城乡建设部门文件用语）' },
  { term: '五保', expansions: ['特困人员'], note: '原农村五保供养已并入特困人员救助供养（《社会救助暂行办法》第十四条）' },
  { term: '排污证', expansions: ['排污许可证'], note: '群众常用说法，见《排污许可管理条例》' },
  { term: '水保', expansions: ['水土保持'], note: '通用简称，见《中华人民共和国水土保持法》' },
  { term: '能评', expansions: ['节能审查'], note: '固定资产投资项目节能审查的通用简称' },
  { term: '取水证', expansions: ['取水许可'], note: '群众常用说法，见《取水许可和水资源费征收管理条例》' },
  { term: '施工证', expansions: ['施工许可'], note: '建筑工程施工许可证的群众常用说法' },
  { term: '预售证', expansions: ['预售许可'], note: '商品房预售许可证的群众常用说法' },
  { term: '规划证', expansions: ['规划许可'], note: '建设用地／建设工程／乡村建设规划许可证的群众常用说法' },
  {
    term: '一书两证',
    expansions: ['选址意见书', '建设用地规划许可证', '建设工程规划许可证'],
    note: '《中华人民共和国城乡规划法》规定的选址意见书、建设用地规划许可证、建设工程规划许可证',
  },
  { term: '采伐证', expansions: ['林木采伐许可'], note: '群众常用说法，见《中华人民共和国森林法》第五十六条' },
  { term: '采矿证', expansions: ['采矿许可'], note: '群众常用说法，见《中华人民共和国矿产资源法》' },
  { term: '房产证', expansions: ['不动产登记', '房屋所有权'], note: '不动产统一登记后，房产证改为不动产权证书（《不动产登记暂行条例》）' },
  { term: '不动产证', expansions: ['不动产登记'], note: '不动产权证书的群众常用说法' },
  { term: '营业执照', expansions: ['市场主体登记', '设立登记', '个体工商户登记'], note: '《中华人民共和国市场主体登记管理条例》' },
  { term: '公租房', expansions: ['公共租赁住房'], note: '通用简称（住房城乡建设部门文件用语）' },
  { term: '维修基金', expansions: ['专项维修资金'], note: '住宅专项维修资金的群众常用说法' },
  { term: '结婚证', expansions: ['结婚登记'], note: '群众常用说法，见《婚姻登记条例》' },
  { term: '离婚证', expansions: ['离婚登记'], note: '群众常用说法，见《婚姻登记条例》' },
  { term: '残疾证', expansions: ['残疾人证'], note: '群众常用说法' },
  { term: '两项补贴', expansions: ['困难残疾人生活补贴', '重度残疾人护理补贴'], note: '残疾人两项补贴（民政部门文件用语）' },
  { term: '高龄补贴', expansions: ['高龄津贴'], note: '各地名称不一，两种说法通用' },
  { term: '老年证', expansions: ['老年人优待证'], note: '群众常用说法' },
  { term: '社团', expansions: ['社会团体'], note: '通用简称，见《社会团体登记管理条例》' },
  { term: '民非', expansions: ['民办非企业单位'], note: '通用简称，见《民办非企业单位登记管理暂行条例》' },
  { term: '医保', expansions: ['医疗保险'], note: '通用简称' },
  { term: '社保', expansions: ['养老保险', '医疗保险'], note: '群众常用说法' },
  { term: '粮补', expansions: ['粮食直补', '耕地地力保护补贴'], note: '农业“三项补贴”改为耕地地力保护补贴（财农〔2016〕26号）' },
  { term: '计生奖扶', expansions: ['计划生育家庭奖励扶助'], note: '通用简称' },
  { term: '三资', expansions: ['集体资金', '集体资产'], note: '农村集体资金、资产、资源的通用简称' },
  { term: '食品许可证', expansions: ['食品经营许可', '食品生产许可'], note: '群众常用说法，见《中华人民共和国食品安全法》' },
  { term: '燃气证', expansions: ['燃气经营许可'], note: '群众常用说法，见《城镇燃气管理条例》' },
  { term: '消费投诉', expansions: ['消费者投诉'], note: '群众常用说法（12315）' },
];
