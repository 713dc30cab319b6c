#include "domain/life/meeting_template.h"

namespace dj {
namespace {

std::vector<MeetingTemplate> Build() {
  const std::string common_check = "到会、缺席人员及缺席原因";
  std::vector<MeetingTemplate> t;
  t.push_back({MeetingType::kBranchAssembly,
               "ZB-18-5",
               120,
               {{"学习传达党的最新理论和上级重要会议、文件精神", true},
                {"通报支部工作，讨论决定支部重要事项", false}},
               {"主持人宣布应到、实到人数，确认到会有表决权党员超过半数", "第一议题学习",
                "支部书记通报工作", "讨论决定事项，需要表决的逐项表决", "主持人总结"},
               {common_check, "会议议题及第一议题学习内容", "表决事项及赞成、反对、弃权票数",
                "会议照片或签到表"},
               "一、学习内容：\n二、工作通报：\n三、讨论事项及表决结果：\n四、会议要求：\n"});
  t.push_back({MeetingType::kCommitteeMeeting,
               "ZB-18-6",
               60,
               {{"学习贯彻上级重要会议、文件精神", true}, {"研究本月支部工作", false}},
               {"确认半数以上委员到会", "第一议题学习", "研究部署工作", "明确分工和时限"},
               {common_check, "研究事项及决定", "责任分工"},
               "一、学习内容：\n二、研究事项：\n三、会议决定：\n"});
  t.push_back({MeetingType::kGroupMeeting,
               "ZB-18-7",
               60,
               {{"学习交流", false}, {"落实支部工作安排", false}},
               {"组长主持", "集中学习", "交流发言", "布置本月任务"},
               {common_check, "学习内容", "发言要点"},
               "一、学习内容：\n二、交流发言：\n三、工作安排：\n"});
  t.push_back({MeetingType::kPartyLecture,
               "ZB-18-9",
               90,
               {{"专题党课", false}},
               {"主持人介绍授课人和题目", "授课", "交流讨论"},
               {common_check, "授课人、题目和提纲", "课件或讲稿", "现场照片"},
               "授课人：\n题目：\n主要内容：\n交流讨论：\n"});
  t.push_back({MeetingType::kThemeDay,
               "ZB-18-8",
               120,
               {{"重温入党誓词", false}, {"集中学习", false}, {"主题实践活动", false}},
               {"重温入党誓词", "集中学习", "开展主题活动", "交纳党费"},
               {common_check, "活动主题和内容", "活动照片"},
               "一、活动主题：\n二、活动内容：\n三、活动成效：\n"});
  t.push_back({MeetingType::kOrgLifeMeeting,
               "ZB-18-10",
               180,
               {{"对照检查，开展批评和自我批评", false}},
               {"会前学习研讨、征求意见、谈心谈话", "支部班子对照检查", "党员个人对照检查",
                "开展批评和自我批评", "明确整改措施"},
               {common_check, "征求意见情况", "对照检查材料", "批评和自我批评情况", "整改清单"},
               "一、会前准备：\n二、对照检查：\n三、批评和自我批评：\n四、整改措施：\n"});
  t.push_back({MeetingType::kMemberReview,
               "ZB-18-11",
               120,
               {{"民主评议党员", false}},
               {"个人自评", "党员互评", "民主测评", "支部综合评定等次"},
               {common_check, "测评票数", "评定等次结果"},
               "一、个人自评：\n二、党员互评：\n三、民主测评结果：\n四、评定等次：\n"});
  t.push_back({MeetingType::kHeartTalk,
               "ZB-18-12",
               30,
               {{"谈心谈话", false}},
               {"交流思想和工作情况", "指出问题和不足", "提出意见建议"},
               {"谈话双方", "谈话要点", "意见建议"},
               "谈话要点：\n意见建议：\n"});
  t.push_back({MeetingType::kStudyGroup,
               "",
               120,
               {{"第一议题：学习习近平总书记最新重要讲话和重要指示批示精神", true},
                {"专题学习研讨", false}},
               {"第一议题学习", "领学", "交流研讨", "主持人总结"},
               {"参加人员及缺席原因", "第一议题内容", "研讨发言要点"},
               "一、第一议题：\n二、专题学习：\n三、交流研讨：\n四、总结要求：\n"});
  return t;
}

}  // namespace

const std::vector<MeetingTemplate>& MeetingTemplates() {
  static const std::vector<MeetingTemplate> templates = Build();
  return templates;
}

const MeetingTemplate& TemplateOf(MeetingType type) {
  return MeetingTemplates()[static_cast<size_t>(type)];
}

}  // namespace dj
