// Word lists for reading WeChat group nicknames (`wood-通联-技术`, `上海-上海中钢银联通-董路-技术`). Small on
// purpose: they only need to give evidence for which part is the city, the role, the company or the name.

/** Cities, provinces and the few districts people put in nicknames. */
export const CITIES = new Set([
  '北京', '上海', '深圳', '杭州', '广州', '南京', '成都', '重庆', '武汉', '西安', '苏州', '天津', '长沙', '郑州',
  '厦门', '福州', '济南', '青岛', '合肥', '宁波', '温州', '无锡', '大连', '沈阳', '哈尔滨', '长春', '石家庄', '太原',
  '南昌', '南宁', '昆明', '贵阳', '兰州', '海口', '三亚', '珠海', '东莞', '佛山', '中山', '惠州', '廊坊', '嘉兴',
  '绍兴', '金华', '常州', '徐州', '烟台', '潍坊', '洛阳', '乌鲁木齐', '呼和浩特', '银川', '西宁', '拉萨',
  '江苏', '浙江', '广东', '福建', '山东', '河南', '河北', '湖南', '湖北', '四川', '安徽', '江西', '陕西', '山西',
  '云南', '贵州', '广西', '海南', '辽宁', '吉林', '黑龙江', '内蒙古', '新疆', '西藏', '甘肃', '青海', '宁夏',
  '香港', '澳门', '台湾', '台北', '新加坡', '海外', '澳新', '硅谷', '大望路', '望京', '中关村', '陆家嘴', '张江', '西二旗', '南山', '浦东',
]);

/** Latin city abbreviations seen in nicknames (`Codefor-YMT-TechLead-BJ`). */
export const CITY_CODES = new Set(['BJ', 'SH', 'SZ', 'HZ', 'GZ', 'NJ', 'CD', 'WH', 'XA', 'HK']);

/** Role words, matched whole or as the end of a part (`支付PM`, `厦门投融汇CTO`). Longest first when matching. */
export const ROLES = [
  '技术', '产品', '开发', '架构', '架构师', '研发', '后端', '前端', '运营', '风控', '测试', '总', '总监', '经理', '主管',
  '负责人', '工程师', '鼓励师', '市场', '需求', '打杂', '群主', '群管理', '管理员', '创始人', '联合创始人', '合伙人', '顾问',
  '销售', '商务', '设计', '运维', '财务', '会计', '清算', '结算', '分账', '老板', '总裁', '董事', '专家', '分析师', '程序员',
  '码农', '实习生', '核心', '项目经理', '产品经理', '产品总监', '技术总监', '技术总', '研发经理', '开发经理', '渠道经理', '技术部经理',
  '开发主管', '产品主管', '产品负责人', '技术负责人', '项目总监', '高级工程师', '攻城狮', '猎头', '咨询', '支付',
  'CTO', 'CEO', 'CIO', 'COO', 'CFO', 'VP', 'PM', 'PL', 'TL', 'PMO', 'TechLead', 'Leader', 'Lead', 'HR', 'IT', 'BD', 'UI', 'UE',
  'DBA', 'QA', 'Java', 'dataer', 'Architect', 'Dev', 'Developer', 'Engineer', 'Manager',
].sort((a, b) => b.length - a.length);

/** Words that qualify a role when written before it (`账务核心业务架构`, `快捷通渠道经理` -> role `渠道经理`). */
export const ROLE_QUALIFIERS = [
  '支付', '清算', '结算', '账务', '核心', '业务', '财务', '系统', '产品', '技术', '高级', '资深', '首席', '项目', '研发',
  '开发', '架构', '资金', '渠道', '风控', '后台', '前台', '数据', '平台', '境外', '跨境', 'Java', '软件', '需求', '运营',
  '市场', '技术部', '部门', 'IT', '互联网', '联合',
].sort((a, b) => b.length - a.length);

/** Companies and brands that occur bare in nicknames (no suffix that would tell they are a company). */
export const COMPANIES = new Set([
  '通联', '百联', '拉卡拉', '快钱', '富友', '平安', '易宝', '杉德', '银联', '网联', '联动优势', '财付通', '支付宝', '蚂蚁',
  '阿里', '阿里云', '腾讯', '微众', '京东', '滴滴', '头条', '美团', '有赞', '苏宁', '携程', '宜信', '点融', '民生', '招行',
  '浦发', '兴业', '中信', '光大', '广发', '渣打', '花旗', '汇丰', '海尔', '小米', '华为', '新浪', '百度', '网易', '途虎',
  '途家', '便利蜂', '云账户', '翼支付', '沃支付', '宝付', '连连', '汇付', '银盛', '随行付', '乐刷', '钱方', '收钱吧', '爱贝',
  '一亩田', '和讯', '中化', '优讯', '元年', '文思', '消金', '神码', '东软', '中移动', '鑫圣', '融通', '优络', '帝峰', '趋恒',
  'PPTV', 'JDJR', 'UMF', 'UNPay', 'HFB', 'YMT', 'CF', 'ETC车宝',
]);

/** Parts of company names (`廊坊银行`, `资邦金服`, `点融网`): substrings, or endings for longer parts. */
export const COMPANY_MARKS = ['银行', '金服', '金融', '科技', '网络', '集团', '公司', '软件', '电商', '保险', '产险', '信息',
  '国际', '互联', '资本', '理财', '财富', '智投', '银联', '网联', '现金卡', '信用卡', '证券', '基金', '投资', '控股', '电子',
  '通信', '支付', '动力', '在线', '养车', '商务', '钱包', '数科'];
export const COMPANY_ENDINGS = ['网', '付', '通', '宝', '联', '汇', '所', '贷', '云', '汇'];

/** The most common Chinese surnames: a part that starts with one and is 2-3 characters long reads as a person's name. */
export const SURNAMES = new Set([...
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤施符窦庄楼乔蓝胥凌葛柯裴季詹费左岳鲁']);

/** English given names so common that sharing one says nothing about being the same person. */
export const COMMON_LATIN = new Set(['victor', 'ben', 'jason', 'tim', 'tank', 'peter', 'michael', 'micheal', 'david', 'aaron',
  'merry', 'summer', 'robin', 'gary', 'daniel', 'jeffrey', 'ferry', 'bill', 'white', 'stone', 'sea', 'json', 'chaos', 'bison',
  'tintin', 'dewin', 'ark', 'jos', 'bane', 'balance', 'jack', 'tom', 'tony', 'kevin', 'eric', 'alex', 'james', 'john', 'leo', 'lucy',
  'lily', 'amy', 'anna', 'linda', 'sam', 'mike', 'max', 'andy', 'jerry', 'frank', 'henry', 'steven', 'simon', 'allen', 'wood']);
