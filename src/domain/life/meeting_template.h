// The standard work templates (标准工作模板) for each meeting type: the usual length, the
// agenda, the checklist of what a complete record holds, topics and a minutes outline to
// start from. Recording a routine meeting is choosing its template and ticking who came.
#pragma once

#include <string>
#include <vector>

#include "domain/life/meeting.h"

namespace dj {

struct MeetingTemplate {
  MeetingType type = MeetingType::kBranchAssembly;
  const char* rule = "";  // the rule that asks for the meeting
  int duration_minutes = 90;
  std::vector<Topic> topics;
  std::vector<std::string> agenda;
  std::vector<std::string> checklist;
  std::string minutes;  // an outline to fill in
};

// The template of every type, in the order of MeetingType.
const std::vector<MeetingTemplate>& MeetingTemplates();
const MeetingTemplate& TemplateOf(MeetingType type);

}  // namespace dj
