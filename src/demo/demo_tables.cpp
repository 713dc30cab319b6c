#include "demo/demo_tables.h"

#include <array>
#include <iterator>

namespace dj::demo {
namespace {

using C = UnitClass;
using S = Sector;

constexpr UnitSpec kProvinceUnits[] = {
    // 第一协作区: party committee departments.
    {"省纪委监委机关", C::kLarge, S::kParty},
    {"省委办公厅", C::kLarge, S::kParty, kOversizeBranch},
    {"省委组织部", C::kMedium, S::kParty},
    {"省委宣传部", C::kMedium, S::kParty},
    {"省委统战部", C::kMedium, S::kParty},
    {"省委政法委员会", C::kMedium, S::kJustice},
    {"省委政策研究室", C::kSmall, S::kParty},
    {"省委网络安全和信息化委员会办公室", C::kMedium, S::kParty},
    {"省委机构编制委员会办公室", C::kSmall, S::kParty},
    {"省委外事工作委员会办公室", C::kSmall, S::kParty},
    {"省委台湾工作办公室", C::kTiny, S::kParty},
    {"省委老干部局", C::kMedium, S::kParty},
    {"省委党校", C::kLarge, S::kResearch},
    {"省委党史研究室", C::kSmall, S::kParty},
    {"省委机要局", C::kSmall, S::kParty},
    {"省委直属机关工委机关", C::kSmall, S::kParty},
    {"省委巡视工作领导小组办公室", C::kSmall, S::kParty},
    {"省委军民融合发展委员会办公室", C::kTiny, S::kParty},
    {"省档案馆", C::kSmall, S::kCulture},
    // 第二协作区: congress, CPPCC, courts, public security, the government's general office.
    {"省人大常委会机关", C::kLarge, S::kCongress},
    {"省政协机关", C::kMedium, S::kCongress},
    {"省高级人民法院", C::kHuge, S::kJustice},
    {"省人民检察院", C::kHuge, S::kJustice},
    {"省公安厅", C::kHuge, S::kJustice, kOversizeRetirees},
    {"省司法厅", C::kMedium, S::kJustice},
    {"省监狱管理局", C::kHuge, S::kJustice},
    {"省戒毒管理局", C::kHuge, S::kJustice},
    {"湖北警官学院", C::kLarge, S::kResearch, kHasStudents},
    {"省人民政府办公厅", C::kLarge, S::kParty},
    {"省人民政府研究室", C::kSmall, S::kParty},
    {"省人民政府参事室", C::kTiny, S::kParty},
    {"省信访局", C::kMedium, S::kService, kExpiredTerm},
    {"省机关事务管理局", C::kLarge, S::kService},
    {"省政务管理办公室", C::kMedium, S::kService},
    {"省数据局", C::kSmall, S::kService},
    {"省人民防空办公室", C::kSmall, S::kService},
    {"省人民政府驻北京办事处", C::kTiny, S::kService},
    {"省人民政府驻上海办事处", C::kTiny, S::kService},
    // 第三协作区: economy.
    {"省发展和改革委员会", C::kLarge, S::kEconomy},
    {"省经济和信息化厅", C::kMedium, S::kEconomy},
    {"省财政厅", C::kLarge, S::kEconomy, kNoCommittee},
    {"省商务厅", C::kMedium, S::kEconomy},
    {"省审计厅", C::kMedium, S::kEconomy},
    {"省统计局", C::kMedium, S::kEconomy, kNoCommittee},
    {"省市场监督管理局", C::kLarge, S::kEconomy},
    {"省人民政府国有资产监督管理委员会", C::kMedium, S::kEconomy},
    {"省地方金融管理局", C::kSmall, S::kEconomy},
    {"省粮食和物资储备局", C::kMedium, S::kEconomy},
    {"省能源局", C::kSmall, S::kEconomy},
    {"省药品监督管理局", C::kMedium, S::kEconomy},
    {"省知识产权局", C::kSmall, S::kEconomy},
    {"国家税务总局湖北省税务局", C::kHuge, S::kVertical},
    {"省烟草专卖局", C::kHuge, S::kVertical},
    {"省通信管理局", C::kSmall, S::kVertical},
    {"国家统计局湖北调查总队", C::kMedium, S::kVertical},
    {"省供销合作社联合社", C::kMedium, S::kEconomy, kTooFewFull},
    {"省农村信用社联合社", C::kHuge, S::kEconomy},
    // 第四协作区: education, health, civil affairs, human resources.
    {"省教育厅", C::kHuge, S::kSociety},
    {"省科学技术厅", C::kMedium, S::kSociety},
    {"省民族宗教事务委员会", C::kSmall, S::kSociety},
    {"省民政厅", C::kMedium, S::kSociety, kExpiredTerm},
    {"省人力资源和社会保障厅", C::kLarge, S::kSociety},
    {"省卫生健康委员会", C::kHuge, S::kSociety},
    {"省医疗保障局", C::kMedium, S::kSociety},
    {"省退役军人事务厅", C::kMedium, S::kSociety},
    {"省应急管理厅", C::kMedium, S::kResources},
    {"省疾病预防控制中心", C::kLarge, S::kSociety},
    {"省教育考试院", C::kSmall, S::kSociety},
    {"省人事考试院", C::kSmall, S::kSociety},
    {"省中医药管理局", C::kSmall, S::kSociety},
    {"省血液中心", C::kSmall, S::kSociety},
    {"省社会保险中心", C::kMedium, S::kSociety},
    {"省人才服务局", C::kSmall, S::kSociety},
    {"省福利彩票发行中心", C::kSmall, S::kSociety},
    {"省乡村振兴局", C::kSmall, S::kResources},
    {"省妇女儿童活动中心", C::kTiny, S::kMass},
    // 第五协作区: land, environment, construction, transport, water, agriculture.
    {"省自然资源厅", C::kHuge, S::kResources},
    {"省生态环境厅", C::kLarge, S::kResources},
    {"省住房和城乡建设厅", C::kMedium, S::kResources},
    {"省交通运输厅", C::kHuge, S::kResources},
    {"省水利厅", C::kHuge, S::kResources, kNoCommittee},
    {"省农业农村厅", C::kHuge, S::kResources},
    {"省林业局", C::kMedium, S::kResources, kExpiredTerm},
    {"省地质局", C::kHuge, S::kResources},
    {"省地震局", C::kMedium, S::kVertical},
    {"省气象局", C::kHuge, S::kVertical},
    {"省水文水资源中心", C::kMedium, S::kResources},
    {"省公路事业发展中心", C::kLarge, S::kResources},
    {"省港航事业发展中心", C::kMedium, S::kResources},
    {"省水利水电规划勘测设计院", C::kLarge, S::kResources},
    {"省交通规划设计院", C::kMedium, S::kResources},
    {"省环境监测中心站", C::kSmall, S::kResources},
    {"省国土测绘院", C::kMedium, S::kResources},
    {"省南水北调工程管理局", C::kMedium, S::kResources},
    {"省动物疫病预防控制中心", C::kSmall, S::kResources},
    // 第六协作区: culture, media, sport.
    {"省文化和旅游厅", C::kMedium, S::kCulture, kNoCommittee},
    {"省广播电视局", C::kMedium, S::kCulture},
    {"省体育局", C::kMedium, S::kCulture},
    {"省新闻出版局", C::kSmall, S::kCulture},
    {"湖北日报传媒集团", C::kHuge, S::kCulture, kOversizeBranch},
    {"湖北广播电视台", C::kHuge, S::kCulture},
    {"长江出版传媒集团", C::kHuge, S::kCulture},
    {"省图书馆", C::kSmall, S::kCulture},
    {"省博物馆", C::kSmall, S::kCulture},
    {"省文物考古研究院", C::kSmall, S::kCulture},
    {"省辛亥革命博物院", C::kSmall, S::kCulture},
    {"省科学技术馆", C::kSmall, S::kCulture},
    {"省美术馆", C::kTiny, S::kCulture},
    {"省群众艺术馆", C::kTiny, S::kCulture},
    {"省地方志办公室", C::kSmall, S::kCulture},
    {"省京剧院", C::kTiny, S::kCulture},
    {"省歌剧舞剧院", C::kTiny, S::kCulture},
    {"省话剧院", C::kTiny, S::kCulture},
    {"省体育运动训练中心", C::kMedium, S::kCulture, kExpiredTerm},
    // 第七协作区: academies and colleges.
    {"省社会科学院", C::kLarge, S::kResearch, kHasStudents},
    {"省农业科学院", C::kHuge, S::kResearch, kHasStudents},
    {"省科学院", C::kMedium, S::kResearch},
    {"省林业科学研究院", C::kSmall, S::kResearch},
    {"省水产科学研究所", C::kTiny, S::kResearch},
    {"省科技信息研究院", C::kSmall, S::kResearch},
    {"省宏观经济研究院", C::kSmall, S::kResearch},
    {"湖北财税职业学院", C::kMedium, S::kResearch, kHasStudents},
    {"湖北水利水电职业技术学院", C::kMedium, S::kResearch, kHasStudents},
    {"湖北交通职业技术学院", C::kMedium, S::kResearch},
    {"湖北国土资源职业学院", C::kMedium, S::kResearch},
    {"湖北生态工程职业技术学院", C::kMedium, S::kResearch},
    {"湖北城市建设职业技术学院", C::kMedium, S::kResearch},
    {"省社会主义学院", C::kSmall, S::kResearch},
    {"省标准化与质量研究院", C::kSmall, S::kEconomy},
    {"省计量测试技术研究院", C::kSmall, S::kEconomy},
    {"省特种设备检验检测研究院", C::kMedium, S::kEconomy},
    {"省产品质量监督检验研究院", C::kSmall, S::kEconomy},
    // 第八协作区: mass organisations and public service centres.
    {"省总工会", C::kMedium, S::kMass, kExpiredTerm},
    {"团省委", C::kSmall, S::kMass},
    {"省妇女联合会", C::kSmall, S::kMass},
    {"省科学技术协会", C::kSmall, S::kMass},
    {"省文学艺术界联合会", C::kSmall, S::kMass},
    {"省作家协会", C::kTiny, S::kMass},
    {"省社会科学界联合会", C::kTiny, S::kMass},
    {"省归国华侨联合会", C::kTiny, S::kMass},
    {"省残疾人联合会", C::kSmall, S::kMass},
    {"省红十字会", C::kTiny, S::kMass},
    {"省工商业联合会", C::kSmall, S::kMass},
    {"省国际贸易促进委员会", C::kSmall, S::kMass},
    {"省黄埔军校同学会", C::kTiny, S::kMass},
    {"省欧美同学会", C::kTiny, S::kMass},
    {"省公共资源交易中心", C::kSmall, S::kService},
    {"省住房公积金管理中心", C::kSmall, S::kService},
    {"省不动产登记中心", C::kTiny, S::kResources},
    {"省政府采购中心", C::kTiny, S::kEconomy},
};
static_assert(std::size(kProvinceUnits) == 150);

constexpr UnitSpec kCityUnits[] = {
    // 第一协作区
    {"市纪委监委机关", C::kLarge, S::kParty},
    {"市委办公室", C::kMedium, S::kParty, kOversizeBranch},
    {"市委组织部", C::kMedium, S::kParty},
    {"市委宣传部", C::kMedium, S::kParty},
    {"市委统战部", C::kSmall, S::kParty},
    {"市委政法委员会", C::kSmall, S::kJustice},
    {"市委政策研究室", C::kTiny, S::kParty},
    {"市委网络安全和信息化委员会办公室", C::kTiny, S::kParty},
    {"市委机构编制委员会办公室", C::kTiny, S::kParty},
    {"市委老干部局", C::kSmall, S::kParty},
    {"市委党校", C::kMedium, S::kResearch},
    {"市委巡察工作领导小组办公室", C::kTiny, S::kParty},
    {"市委直属机关工委机关", C::kTiny, S::kParty},
    {"市委党史研究室", C::kTiny, S::kParty},
    {"市档案馆", C::kTiny, S::kCulture},
    // 第二协作区
    {"市人大常委会机关", C::kMedium, S::kCongress},
    {"市政协机关", C::kMedium, S::kCongress},
    {"市中级人民法院", C::kLarge, S::kJustice},
    {"市人民检察院", C::kMedium, S::kJustice},
    {"市公安局", C::kHuge, S::kJustice, kOversizeRetirees},
    {"市司法局", C::kMedium, S::kJustice},
    {"市人民政府办公室", C::kMedium, S::kParty},
    {"市信访局", C::kSmall, S::kService},
    {"市机关事务服务中心", C::kMedium, S::kService},
    {"市政务服务和大数据管理局", C::kMedium, S::kService},
    {"市人民防空办公室", C::kSmall, S::kService},
    {"市人民政府国有资产监督管理委员会", C::kSmall, S::kEconomy},
    {"市退役军人事务局", C::kSmall, S::kSociety},
    {"市应急管理局", C::kMedium, S::kResources},
    {"市城市管理执法委员会", C::kLarge, S::kResources},
    // 第三协作区
    {"市发展和改革委员会", C::kMedium, S::kEconomy},
    {"市经济和信息化局", C::kMedium, S::kEconomy},
    {"市财政局", C::kMedium, S::kEconomy, kNoCommittee},
    {"市商务局", C::kMedium, S::kEconomy},
    {"市审计局", C::kMedium, S::kEconomy},
    {"市统计局", C::kSmall, S::kEconomy},
    {"市市场监督管理局", C::kLarge, S::kEconomy},
    {"市地方金融工作局", C::kTiny, S::kEconomy},
    {"市招商服务中心", C::kSmall, S::kEconomy},
    {"市粮食和物资储备局", C::kSmall, S::kEconomy},
    {"国家税务总局襄阳市税务局", C::kHuge, S::kVertical},
    {"市烟草专卖局", C::kMedium, S::kVertical},
    {"市供销合作社", C::kSmall, S::kEconomy},
    {"市工商业联合会", C::kTiny, S::kMass},
    {"市住房公积金中心", C::kSmall, S::kService},
    // 第四协作区
    {"市教育局", C::kMedium, S::kSociety},
    {"市科学技术局", C::kSmall, S::kSociety},
    {"市民族宗教事务局", C::kTiny, S::kSociety},
    {"市民政局", C::kMedium, S::kSociety, kExpiredTerm},
    {"市人力资源和社会保障局", C::kMedium, S::kSociety},
    {"市卫生健康委员会", C::kMedium, S::kSociety},
    {"市医疗保障局", C::kSmall, S::kSociety},
    {"市疾病预防控制中心", C::kMedium, S::kSociety},
    {"市总工会", C::kSmall, S::kMass},
    {"团市委", C::kTiny, S::kMass},
    {"市妇女联合会", C::kTiny, S::kMass},
    {"市科学技术协会", C::kTiny, S::kMass},
    {"市残疾人联合会", C::kTiny, S::kMass},
    {"市红十字会", C::kTiny, S::kMass},
    {"市社会科学界联合会", C::kTiny, S::kMass},
    // 第五协作区
    {"市自然资源和规划局", C::kLarge, S::kResources},
    {"市生态环境局", C::kMedium, S::kResources},
    {"市住房和城乡建设局", C::kMedium, S::kResources},
    {"市交通运输局", C::kLarge, S::kResources, kNoCommittee},
    {"市水利和湖泊局", C::kMedium, S::kResources, kExpiredTerm},
    {"市农业农村局", C::kMedium, S::kResources, kTooFewFull},
    {"市林业和园林局", C::kSmall, S::kResources},
    {"市乡村振兴局", C::kSmall, S::kResources},
    {"市气象局", C::kSmall, S::kVertical},
    {"市公路事业发展中心", C::kMedium, S::kResources},
    {"市不动产登记中心", C::kSmall, S::kResources},
    {"市公共资源交易中心", C::kSmall, S::kService},
    {"市城乡规划设计研究院", C::kSmall, S::kResources},
    {"市农业科学院", C::kMedium, S::kResearch},
    {"市水文水资源勘测局", C::kTiny, S::kResources},
    // 第六协作区
    {"市文化和旅游局", C::kMedium, S::kCulture},
    {"市体育局", C::kSmall, S::kCulture, kExpiredTerm},
    {"市广播电视台", C::kMedium, S::kCulture},
    {"襄阳日报传媒集团", C::kMedium, S::kCulture},
    {"市图书馆", C::kTiny, S::kCulture},
    {"市博物馆", C::kTiny, S::kCulture},
    {"市文学艺术界联合会", C::kTiny, S::kMass},
    {"市群众艺术馆", C::kTiny, S::kCulture},
    {"市地方志研究中心", C::kTiny, S::kCulture},
    {"市文物考古研究所", C::kTiny, S::kCulture},
    {"市归国华侨联合会", C::kTiny, S::kMass},
    {"市人民政府驻武汉办事处", C::kTiny, S::kService},
    {"市接待服务中心", C::kTiny, S::kService},
    {"市城市建设投资服务中心", C::kSmall, S::kResources},
    {"市消费者权益保护委员会", C::kTiny, S::kEconomy},
};
static_assert(std::size(kCityUnits) == 90);

constexpr UnitSpec kSmallUnits[] = {
    {"省委办公厅", C::kMedium, S::kParty, kOversizeBranch},
    {"省发展和改革委员会", C::kMedium, S::kEconomy, kNoCommittee},
    {"省教育厅", C::kMedium, S::kSociety, kExpiredTerm | kTooFewFull},
    {"省财政厅", C::kSmall, S::kEconomy},
    {"省统计局", C::kSmall, S::kEconomy},
    {"省委台湾工作办公室", C::kTiny, S::kParty},
};

constexpr const char* kCommonOffices[] = {
    "综合处", "政策法规处", "人事处", "规划财务处", "离退休干部处", "机关服务中心", "信息中心",
};

constexpr const char* kPartyOffices[] = {"秘书处", "综合调研处", "督查室", "信息处",
                                         "文电处", "协调处",     "研究室", "机要处"};
constexpr const char* kCongressOffices[] = {"研究室", "法制工作室", "代表工作处", "秘书处",
                                            "联络处", "外事处",     "信访处",     "提案处"};
constexpr const char* kJusticeOffices[] = {"政治部",     "法制处",    "指挥中心",   "研究室",
                                           "警务督察处", "宣传处",    "执法监督处", "装备财务处",
                                           "刑事侦查处", "治安管理处"};
constexpr const char* kEconomyOffices[] = {"经济运行处", "投资处",   "产业发展处", "价格处",
                                           "统计分析处", "预算处",   "国库处",     "市场监管处",
                                           "对外经贸处", "审计一处", "审计二处",   "金融处"};
constexpr const char* kSocietyOffices[] = {
    "基础教育处", "高等教育处",     "职业教育处", "社会事务处", "就业促进处", "社会保障处",
    "医政医管处", "疾病预防控制处", "基层卫生处", "科技处",     "社会救助处"};
constexpr const char* kResourcesOffices[] = {
    "规划处",     "建设管理处", "工程质量安全处", "生态保护处", "水资源处",  "河湖管理处",
    "农田建设处", "科技处",     "安全监督处",     "应急管理处", "执法监督处"};
constexpr const char* kCultureOffices[] = {"艺术处",     "公共服务处", "文物处",
                                           "产业发展处", "宣传推广处", "新闻处",
                                           "总编室",     "群众体育处", "竞技体育处"};
constexpr const char* kResearchOffices[] = {
    "科研处",     "教务处", "学生工作处", "研究生处",   "图书馆",
    "学报编辑部", "培训部", "经济研究所", "哲学研究所", "农业经济研究所"};
constexpr const char* kServiceOffices[] = {"资产管理处", "公务用车管理处", "接待处", "房地产管理处",
                                           "节能处",     "后勤保障处",     "联络处"};
constexpr const char* kVerticalOffices[] = {"征收管理处", "纳税服务处",    "货物和劳务税处",
                                            "观测网络处", "预报处",        "法制处",
                                            "科技处",     "专卖监督管理处"};
constexpr const char* kMassOffices[] = {"组织部",     "宣传部",     "联络部",
                                        "权益保障部", "基层工作部", "经济工作部"};

constexpr std::span<const char* const> kSectorOffices[kSectorCount] = {
    kPartyOffices,   kCongressOffices,  kJusticeOffices, kEconomyOffices,
    kSocietyOffices, kResourcesOffices, kCultureOffices, kResearchOffices,
    kServiceOffices, kVerticalOffices,  kMassOffices,
};

constexpr const char* kPartyAffiliates[] = {"信息中心",
                                            "培训中心",
                                            "研究中心",
                                            "后勤服务中心",
                                            "档案资料中心",
                                            "宣传教育中心",
                                            "网络安全应急指挥中心",
                                            "接待服务中心",
                                            "干部教育中心",
                                            "信息技术保障中心"};
constexpr const char* kCongressAffiliates[] = {"信息中心",     "研究中心", "后勤服务中心",
                                               "机关事务中心", "培训中心", "信访接待中心"};
constexpr const char* kJusticeAffiliates[] = {
    "警务保障中心", "警察训练中心",   "刑事技术中心",     "司法鉴定中心",
    "信息通信中心", "交通管理总队",   "高速公路警察总队", "特警总队",
    "监所管理总队", "出入境管理中心", "网络安全保卫总队", "警察医院"};
constexpr const char* kEconomyAffiliates[] = {
    "经济研究院",   "信息中心",     "价格监测中心",     "投资审计中心",
    "质量检验中心", "数据中心",     "统计数据采集中心", "产业发展研究院",
    "招商服务中心", "物资储备中心", "国库支付中心",     "财政科学研究所"};
constexpr const char* kSocietyAffiliates[] = {"教育考试中心",     "人才服务中心", "宣传教育中心",
                                              "就业服务中心",     "社会福利中心", "电化教育馆",
                                              "卫生健康信息中心", "医学考试中心", "妇幼保健院",
                                              "职业病防治院",     "社会保险中心", "技工学校"};
constexpr const char* kResourcesAffiliates[] = {
    "规划设计研究院", "勘察测绘院",           "科学研究院",       "监测中心",
    "质量安全监督站", "技术推广总站",         "地质调查院",       "工程管理局",
    "公路管理局",     "高速公路管理中心",     "港航管理中心",     "国土整治中心",
    "测绘成果中心",   "水文地质工程地质大队", "地球物理勘探大队", "环境监测中心"};
constexpr const char* kCultureAffiliates[] = {
    "艺术研究院", "文物保护中心", "新闻中心", "全媒体中心", "出版中心", "训练中心",  "楚天都市报社",
    "农村新报社", "电视新闻中心", "广播中心", "技术中心",   "经营中心", "新媒体中心"};
constexpr const char* kResearchAffiliates[] = {
    "研究生院",       "图书馆",         "期刊社",         "培训中心",
    "科技开发中心",   "作物科学研究所", "植保土肥研究所", "果树茶叶研究所",
    "畜牧兽医研究所", "经济作物研究所", "粮食作物研究所", "农产品加工研究所"};
constexpr const char* kServiceAffiliates[] = {"服务中心",     "接待中心",     "资产管理中心",
                                              "车辆服务中心", "物业管理中心", "公共机构节能中心",
                                              "机关幼儿园",   "机关医院",     "后勤保障中心"};
constexpr const char* kVerticalAffiliates[] = {
    "监测中心",   "信息中心",   "服务中心",   "培训中心",
    "稽查局",     "气象台",     "气候中心",   "大气探测技术保障中心",
    "第一稽查局", "第二稽查局", "第三稽查局", "数据管理中心",
    "物流中心"};
constexpr const char* kMassAffiliates[] = {"干部学校", "活动中心", "服务中心",
                                           "疗养院",   "青少年宫", "培训中心"};

constexpr std::span<const char* const> kSectorAffiliates[kSectorCount] = {
    kPartyAffiliates,   kCongressAffiliates,  kJusticeAffiliates, kEconomyAffiliates,
    kSocietyAffiliates, kResourcesAffiliates, kCultureAffiliates, kResearchAffiliates,
    kServiceAffiliates, kVerticalAffiliates,  kMassAffiliates,
};

// Approximate shares in tenths of a per mille of the national population.
constexpr WeightedText kSurnames[] = {
    {"王", 71}, {"李", 70}, {"张", 67}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22}, {"赵", 20},
    {"吴", 19}, {"周", 19}, {"徐", 14}, {"孙", 14}, {"马", 13}, {"朱", 13}, {"胡", 15}, {"郭", 12},
    {"何", 12}, {"林", 11}, {"高", 11}, {"罗", 11}, {"郑", 10}, {"梁", 9},  {"谢", 8},  {"宋", 7},
    {"唐", 7},  {"许", 7},  {"韩", 7},  {"冯", 7},  {"邓", 7},  {"曹", 6},  {"彭", 7},  {"曾", 6},
    {"肖", 6},  {"田", 6},  {"董", 5},  {"袁", 5},  {"潘", 5},  {"于", 5},  {"蒋", 5},  {"蔡", 5},
    {"余", 6},  {"杜", 5},  {"叶", 5},  {"程", 6},  {"苏", 4},  {"魏", 4},  {"吕", 4},  {"丁", 4},
    {"任", 4},  {"沈", 4},  {"姚", 4},  {"卢", 4},  {"姜", 4},  {"崔", 4},  {"钟", 3},  {"谭", 4},
    {"陆", 3},  {"汪", 4},  {"范", 3},  {"金", 3},  {"石", 3},  {"廖", 3},  {"贾", 3},  {"夏", 3},
    {"韦", 3},  {"付", 3},  {"方", 3},  {"白", 3},  {"邹", 3},  {"孟", 3},  {"熊", 4},  {"秦", 3},
    {"邱", 3},  {"江", 3},  {"尹", 3},  {"薛", 2},  {"闫", 2},  {"段", 2},  {"雷", 3},  {"侯", 2},
    {"龙", 2},  {"史", 2},  {"陶", 2},  {"黎", 2},  {"贺", 2},  {"顾", 2},  {"毛", 2},  {"郝", 2},
    {"龚", 2},  {"邵", 2},  {"万", 3},  {"钱", 2},  {"严", 2},  {"覃", 2},  {"武", 2},  {"戴", 2},
    {"莫", 1},  {"孔", 2},  {"向", 2},  {"汤", 2},  {"舒", 1},  {"柯", 1},  {"喻", 1},  {"欧阳", 1},
};

// Given names by generation: born before 1970, 1970-1989, 1990 and later.
constexpr const char* kMaleOlder[] = {
    "建国", "建华", "建军", "建平", "建新", "国强", "国平", "国华", "国庆", "志明", "志华", "文华",
    "文斌", "明华", "明亮", "德明", "德华", "永强", "永刚", "卫东", "卫国", "振华", "长江", "汉生",
    "汉林", "新民", "立新", "立军", "春生", "春林", "光明", "学军", "学文", "小平", "宏斌", "大勇",
    "金山", "胜利", "家明", "世杰", "传明", "少华", "庆丰", "玉林", "正华", "兴华", "东升", "绍华",
    "德胜", "红兵", "先锋", "建设", "继红", "振国", "援朝", "跃进", "国栋", "双喜"};
constexpr const char* kMaleMiddle[] = {
    "海涛", "海波", "志强", "志刚", "志勇", "晓东", "晓峰", "俊杰", "鹏飞", "文杰",
    "文涛", "亚军", "军伟", "小龙", "志鹏", "明辉", "晓辉", "晓明", "海峰", "俊峰",
    "伟杰", "志伟", "家俊", "旭东", "立伟", "云鹏", "少杰", "永杰", "宏伟", "宏宇",
    "鑫磊", "振宇", "文博", "海洋", "思远", "志远", "天宇", "建伟", "卫华", "晓波"};
constexpr const char* kMaleYoung[] = {
    "浩然", "子豪", "宇航", "俊豪", "博文", "明轩", "宇轩", "浩宇", "子轩", "家豪", "晨阳", "一鸣",
    "嘉豪", "泽宇", "子健", "佳豪", "雨泽", "逸飞", "思聪", "天佑", "子恒", "亦凡", "承泽", "嘉诚",
    "卓然", "远航", "俊宇", "梓晨", "宇飞", "昊天", "凯文", "皓轩", "铭轩", "奕辰", "睿哲", "鹏程"};
constexpr const char* kFemaleOlder[] = {
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉英", "兰英", "桂芳", "淑珍",
    "淑华", "淑英", "丽华", "美华", "红梅", "红霞", "爱华", "春梅", "春兰", "冬梅", "小红", "惠芳",
    "素芳", "素珍", "翠兰", "金凤", "月英", "彩霞", "瑞芳", "卫红", "艳华", "巧玲", "玉梅", "爱玲",
    "文英", "秋菊", "淑兰", "秀芳", "桂珍", "莉萍", "丽琴", "小梅", "建华", "新华", "红英", "玉华"};
constexpr const char* kFemaleMiddle[] = {
    "丽娟", "海燕", "晓燕", "春燕", "丽娜", "晓丽", "晓敏", "慧敏", "文静", "婷婷",
    "丹丹", "莉莉", "晓红", "艳玲", "玉婷", "雪梅", "晓琳", "晓雯", "雅琴", "静雯",
    "晓玲", "丽君", "秀丽", "亚楠", "亚萍", "丽萍", "美玲", "佳慧", "文婷", "晓婷",
    "慧琳", "倩倩", "璐璐", "雪莹", "雅静", "梦洁", "舒婷", "思敏", "彦君", "小燕"};
constexpr const char* kFemaleYoung[] = {
    "欣怡", "梓涵", "诗涵", "梦琪", "雨涵", "思琪", "佳怡", "雨欣", "子涵", "可馨", "雅婷", "佳琪",
    "静怡", "婉婷", "思雨", "晨曦", "嘉欣", "欣然", "若曦", "雅琪", "雪婷", "心怡", "雨桐", "晓璐",
    "梦瑶", "诗琪", "悦然", "梦婷", "佳欣", "紫琳", "一诺", "语嫣", "书瑶", "睿敏"};
constexpr const char* kMaleSingle[] = {"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明",
                                       "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩",
                                       "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "洋", "阳",
                                       "亮", "峰", "博", "兵", "毅", "坤", "成", "锋", "晨", "昊"};
constexpr const char* kFemaleSingle[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲",
                                         "丹", "萍", "红", "梅", "琳", "婷", "雪", "慧", "莉", "颖",
                                         "倩", "洁", "琴", "云", "蕾", "薇", "晶", "佳", "欣", "悦",
                                         "怡", "璐", "瑶", "青", "莹", "岚", "妍", "菲"};

constexpr Region kRegions[] = {
    {"420102", 8, 2, false},  {"420103", 8, 2, false},  {"420104", 6, 1, false},
    {"420105", 6, 1, false},  {"420106", 12, 2, false}, {"420107", 5, 1, false},
    {"420111", 10, 2, false}, {"420112", 3, 1, false},  {"420114", 3, 1, false},
    {"420115", 4, 1, false},  {"420116", 5, 1, false},  {"420117", 4, 1, false},
    {"420202", 3, 1, false},  {"420222", 3, 1, false},  {"420281", 3, 1, false},
    {"420302", 2, 2, false},  {"420303", 2, 1, false},  {"420381", 2, 2, false},
    {"420502", 3, 1, false},  {"420506", 2, 1, false},  {"420581", 2, 1, false},
    {"420602", 5, 25, false}, {"420606", 5, 30, false}, {"420607", 3, 20, false},
    {"420624", 2, 8, false},  {"420625", 2, 8, false},  {"420626", 1, 5, false},
    {"420682", 2, 10, false}, {"420683", 3, 12, false}, {"420684", 2, 8, false},
    {"420704", 2, 1, false},  {"420802", 2, 1, false},  {"420881", 2, 2, false},
    {"420902", 3, 1, false},  {"420981", 2, 1, false},  {"420982", 2, 1, false},
    {"421002", 3, 1, false},  {"421003", 3, 1, false},  {"421087", 2, 1, false},
    {"421102", 3, 1, false},  {"421181", 3, 1, false},  {"421182", 2, 1, false},
    {"421202", 2, 1, false},  {"421281", 2, 1, false},  {"421303", 2, 3, false},
    {"421381", 2, 2, false},  {"422801", 3, 1, true},   {"422802", 2, 1, true},
    {"422822", 1, 0, true},   {"422826", 1, 0, true},   {"429004", 3, 1, false},
    {"429005", 2, 1, false},  {"429006", 3, 1, false},  {"410102", 1, 1, false},
    {"411302", 2, 4, false},  {"430102", 1, 1, false},  {"430602", 1, 0, false},
    {"500101", 1, 1, false},  {"360402", 1, 0, false},  {"340102", 1, 0, false},
    {"610102", 1, 1, false},
};

constexpr WeightedText kEthnicitiesGeneral[] = {
    {"汉族", 9870}, {"回族", 40}, {"土家族", 40}, {"满族", 20},
    {"蒙古族", 10}, {"苗族", 10}, {"壮族", 5},    {"侗族", 5},
};
constexpr WeightedText kEthnicitiesMinorityArea[] = {
    {"汉族", 5500}, {"土家族", 3600}, {"苗族", 700}, {"侗族", 150}, {"白族", 50},
};

constexpr PostSpec kPostsUnder28[] = {
    {"一级科员", "一级科员", 30, 0},          {"二级科员", "二级科员", 12, 0},
    {"四级主任科员", "四级主任科员", 30, 0},  {"三级主任科员", "三级主任科员", 10, 0},
    {"助理工程师", "助理工程师", 8, 0, true}, {"研究实习员", "研究实习员", 4, 0, true},
};
constexpr PostSpec kPosts28To35[] = {
    {"三级主任科员", "三级主任科员", 20, 0},
    {"二级主任科员", "二级主任科员", 25, 0},
    {"一级主任科员", "一级主任科员", 15, 0},
    {"四级主任科员", "四级主任科员", 10, 0},
    {"副处长", "副科长", 6, 2},
    {"会计师", "会计师", 4, 0},
    {"工程师", "工程师", 10, 0, true},
    {"助理研究员", "助理研究员", 6, 0, true},
};
constexpr PostSpec kPosts36To45[] = {
    {"一级主任科员", "一级主任科员", 20, 0},
    {"二级主任科员", "二级主任科员", 8, 0},
    {"四级调研员", "四级调研员", 15, 1},
    {"三级调研员", "三级调研员", 6, 1},
    {"副处长", "副科长", 18, 2},
    {"处长", "科长", 8, 3},
    {"高级工程师", "高级工程师", 10, 0, true},
    {"副研究员", "副研究员", 6, 0, true},
};
constexpr PostSpec kPosts46AndOver[] = {
    {"处长", "科长", 18, 3},
    {"副处长", "副科长", 8, 2},
    {"一级调研员", "一级调研员", 10, 1},
    {"二级调研员", "二级调研员", 14, 1},
    {"三级调研员", "三级调研员", 12, 1},
    {"四级调研员", "四级调研员", 8, 1},
    {"一级主任科员", "一级主任科员", 8, 0},
    {"二级巡视员", nullptr, 4, 2},
    {"一级巡视员", nullptr, 1, 2},
    {"正高级工程师", "正高级工程师", 5, 0, true},
    {"研究员", "研究员", 5, 0, true},
    {"高级工程师", "高级工程师", 7, 0, true},
};
constexpr std::span<const PostSpec> kServingPosts[kAgeBands] = {kPostsUnder28, kPosts28To35,
                                                                kPosts36To45, kPosts46AndOver};

}  // namespace

std::span<const UnitSpec> ProvinceUnits() { return kProvinceUnits; }
std::span<const UnitSpec> CityUnits() { return kCityUnits; }
std::span<const UnitSpec> SmallUnits() { return kSmallUnits; }

std::span<const char* const> SectorOffices(Sector sector) {
  return kSectorOffices[static_cast<int>(sector)];
}
std::span<const char* const> CommonOffices() { return kCommonOffices; }
std::span<const char* const> SectorAffiliates(Sector sector) {
  return kSectorAffiliates[static_cast<int>(sector)];
}

std::span<const WeightedText> Surnames() { return kSurnames; }
std::span<const char* const> MaleGivenNames(int generation) {
  static constexpr std::span<const char* const> kLists[] = {kMaleOlder, kMaleMiddle, kMaleYoung};
  return kLists[generation];
}
std::span<const char* const> FemaleGivenNames(int generation) {
  static constexpr std::span<const char* const> kLists[] = {kFemaleOlder, kFemaleMiddle,
                                                            kFemaleYoung};
  return kLists[generation];
}
std::span<const char* const> MaleSingleNames() { return kMaleSingle; }
std::span<const char* const> FemaleSingleNames() { return kFemaleSingle; }

std::span<const Region> Regions() { return kRegions; }
std::span<const WeightedText> Ethnicities(bool minority_area) {
  if (minority_area) return kEthnicitiesMinorityArea;
  return kEthnicitiesGeneral;
}

std::span<const PostSpec> ServingPosts(int age_band) { return kServingPosts[age_band]; }

bool HasTechnicalPosts(Sector sector) {
  switch (sector) {
    case Sector::kEconomy:
    case Sector::kSociety:
    case Sector::kResources:
    case Sector::kCulture:
    case Sector::kResearch:
    case Sector::kVertical:
      return true;
    case Sector::kParty:
    case Sector::kCongress:
    case Sector::kJustice:
    case Sector::kService:
    case Sector::kMass:
      return false;
  }
  return false;
}

}  // namespace dj::demo
