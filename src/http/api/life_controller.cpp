#include "http/api/life_controller.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/text.h"
#include "domain/life/compliance.h"
#include "domain/life/meeting_template.h"
#include "domain/life/reminders.h"
#include "exchange/meeting_ledger.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

// Lists of branches in a compliance answer above unit level hold at most this many.
constexpr size_t kMaxBranchesListed = 200;
constexpr int64_t kMaxReminders = 1000;
// Above this many branches the calendar sums obligations per day and rule.
constexpr size_t kCalendarBranchDetail = 50;
constexpr size_t kCalendarMeetings = 500;

std::string TimeText(int minute) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buffer;
}

// "HH:MM" as minutes after midnight, or nullopt.
std::optional<int> ParseTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  int hours = h1 * 10 + h2;
  int minutes = m1 * 10 + m2;
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

json RuleJson(const Rule& r) {
  json params = json::object();
  for (const auto& [name, p] : r.params) {
    if (p.number) {
      params[name] = *p.number;
    } else if (p.text) {
      params[name] = *p.text;
    } else {
      params[name] = p.numbers;
    }
  }
  return {{"id", r.id},
          {"title", r.title},
          {"statement", r.statement},
          {"source", r.source},
          {"status", RuleStatusId(r.status)},
          {"unverified", r.status == RuleStatus::kUnverified},
          {"kind", RuleKindId(r.kind)},
          {"params", std::move(params)},
          {"effective_from", r.effective_from.ToString()},
          {"effective_to", r.effective_to ? json(r.effective_to->ToString()) : json(nullptr)}};
}

json RuleBriefJson(const Rule& r) {
  return {{"id", r.id},
          {"title", r.title},
          {"source", r.source},
          {"status", RuleStatusId(r.status)},
          {"unverified", r.status == RuleStatus::kUnverified}};
}

json NodeBriefJson(const OrgNode& n) {
  return {{"id", n.id}, {"name", n.name}, {"kind", NodeKindId(n.kind)}};
}

std::string NodeName(const Roster& roster, NodeId id) {
  std::optional<OrgNode> n = roster.GetNode(id);
  return n ? n->name : std::string();
}

// Reads a meeting body (POST and PUT): every problem at once.
Result<Meeting> ReadMeeting(const json& body) {
  JsonReader in(body);
  Meeting m;
  m.node_id = in.Required<int64_t>("node_id");
  std::string type = in.Required<std::string>("type");
  m.date = in.Required<Date>("date");
  std::string start = in.Optional<std::string>("start_time").value_or("00:00");
  m.duration_minutes = in.Optional<int>("duration_minutes").value_or(0);
  m.place = NormalizeInput(in.Optional<std::string>("place").value_or(""));
  m.host = NormalizeInput(in.Optional<std::string>("host").value_or(""));
  m.recorder = NormalizeInput(in.Optional<std::string>("recorder").value_or(""));
  json topics = in.Optional<json>("topics").value_or(json::array());
  m.attendees = in.Optional<std::vector<int64_t>>("attendees").value_or(std::vector<int64_t>{});
  json absences = in.Optional<json>("absences").value_or(json::array());
  m.minutes = in.Optional<std::string>("minutes").value_or("");
  m.decisions = in.Optional<std::string>("decisions").value_or("");
  json votes = in.Optional<json>("votes").value_or(json::array());

  if (!type.empty()) {
    if (std::optional<MeetingType> t = ParseMeetingType(type)) {
      m.type = *t;
    } else {
      in.AddError("type", type, "invalid_choice", "会议类型无效：" + type);
    }
  }
  if (std::optional<int> minute = ParseTime(start)) {
    m.start_minute = *minute;
  } else {
    in.AddError("start_time", start, "time_invalid", "开始时间应为 HH:MM，例如 14:30");
  }
  auto each = [&](const json& list, const char* field, auto read) {
    if (!list.is_array()) {
      in.AddError(field, FieldValueText(list), "request.wrong_type",
                  std::string("字段 ") + field + " 应为数组");
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object()) {
        in.AddError(
            field, FieldValueText(list[i]), "request.wrong_type",
            std::string("字段 ") + field + " 的第 " + std::to_string(i + 1) + " 项应为对象");
        continue;
      }
      JsonReader item(list[i]);
      read(item, list[i]);
      if (!item.Finish().ok()) {
        for (const FieldError& e : item.errors()) {
          in.AddError(std::string(field) + "." + e.field, e.value, e.key,
                      std::string(field) + " 第 " + std::to_string(i + 1) + " 项：" + e.message);
        }
      }
    }
  };
  each(topics, "topics", [&](JsonReader& item, const json&) {
    Topic t;
    t.title = NormalizeInput(item.Required<std::string>("title"));
    t.first_agenda = item.Optional<bool>("first_agenda").value_or(false);
    m.topics.push_back(std::move(t));
  });
  each(absences, "absences", [&](JsonReader& item, const json&) {
    Absence a;
    a.member_id = item.Required<int64_t>("member_id");
    std::string reason = item.Required<std::string>("reason");
    if (std::optional<AbsenceReason> r = ParseAbsenceReason(reason)) {
      a.reason = *r;
    } else if (!reason.empty()) {
      item.AddError("reason", reason, "invalid_choice", "缺席原因应为公假、病假、事假或其他");
    }
    a.note = NormalizeInput(item.Optional<std::string>("note").value_or(""));
    m.absences.push_back(std::move(a));
  });
  each(votes, "votes", [&](JsonReader& item, const json&) {
    Vote v;
    v.motion = NormalizeInput(item.Required<std::string>("motion"));
    v.yes = item.Required<int>("yes");
    v.no = item.Optional<int>("no").value_or(0);
    v.abstain = item.Optional<int>("abstain").value_or(0);
    m.votes.push_back(std::move(v));
  });
  DJ_RETURN_IF_ERROR(in.Finish());
  return m;
}

json MeetingSummaryJson(const Meeting& m, const Roster& roster) {
  return {{"id", m.id},
          {"node_id", m.node_id},
          {"node_name", NodeName(roster, m.node_id)},
          {"branch_id", m.branch_id},
          {"type", MeetingTypeId(m.type)},
          {"type_label", MeetingTypeLabel(m.type)},
          {"date", m.date.ToString()},
          {"start_time", TimeText(m.start_minute)},
          {"place", m.place},
          {"host", m.host},
          {"status", MeetingStatusId(m.status)},
          {"status_label", MeetingStatusLabel(m.status)},
          {"attendees", m.attendees.size()},
          {"absences", m.absences.size()},
          {"return_reason", m.return_reason}};
}

json MeetingJson(const Meeting& m, const Roster& roster) {
  std::unordered_map<MemberId, std::string> names;
  size_t expected = 0;
  if (std::optional<OrgNode> holder = roster.GetNode(m.node_id)) {
    std::vector<RollEntry> roll = roster.RollOn(RollNodeOf(*holder), m.date);
    expected = roll.size();
    for (RollEntry& e : roll) names.emplace(e.id, std::move(e.name));
  }
  auto name_of = [&](MemberId id) {
    auto it = names.find(id);
    return it != names.end() ? it->second : "党员 " + std::to_string(id);
  };
  json topics = json::array();
  for (const Topic& t : m.topics) {
    topics.push_back({{"title", t.title}, {"first_agenda", t.first_agenda}});
  }
  json attendees = json::array();
  for (MemberId id : m.attendees) attendees.push_back({{"id", id}, {"name", name_of(id)}});
  json absences = json::array();
  for (const Absence& a : m.absences) {
    absences.push_back({{"member_id", a.member_id},
                        {"name", name_of(a.member_id)},
                        {"reason", AbsenceReasonId(a.reason)},
                        {"reason_label", AbsenceReasonLabel(a.reason)},
                        {"note", a.note}});
  }
  json votes = json::array();
  for (const Vote& v : m.votes) {
    votes.push_back({{"motion", v.motion},
                     {"yes", v.yes},
                     {"no", v.no},
                     {"abstain", v.abstain},
                     {"eligible", v.eligible},
                     {"passed", v.passed}});
  }
  json attachments = json::array();
  for (const Attachment& a : m.attachments) {
    attachments.push_back({{"id", a.id}, {"name", a.name}, {"mime", a.mime}, {"size", a.size}});
  }
  return {{"id", m.id},
          {"node_id", m.node_id},
          {"node_name", NodeName(roster, m.node_id)},
          {"branch_id", m.branch_id},
          {"branch_name", NodeName(roster, m.branch_id)},
          {"type", MeetingTypeId(m.type)},
          {"type_label", MeetingTypeLabel(m.type)},
          {"date", m.date.ToString()},
          {"start_time", TimeText(m.start_minute)},
          {"duration_minutes", m.duration_minutes},
          {"place", m.place},
          {"host", m.host},
          {"recorder", m.recorder},
          {"topics", std::move(topics)},
          {"attendees", std::move(attendees)},
          {"absences", std::move(absences)},
          {"expected", expected},
          {"present", m.attendees.size()},
          {"minutes", m.minutes},
          {"decisions", m.decisions},
          {"votes", std::move(votes)},
          {"status", MeetingStatusId(m.status)},
          {"status_label", MeetingStatusLabel(m.status)},
          {"return_reason", m.return_reason},
          {"reviewer_name", m.reviewer_name},
          {"reviewed_at", m.reviewed_at},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at},
          {"attachments", std::move(attachments)}};
}

// The node of query parameter "node", or the caller's first root.
Result<NodeId> NodeParam(QueryReader& query, const Request& request) {
  std::optional<int64_t> node = query.Int("node", 1, INT64_MAX);
  if (node) return *node;
  std::vector<NodeId> roots = ScopeRoots(request);
  if (roots.empty()) return Forbidden();
  return roots.front();
}

// The period of "period", "year" and "index"; the current one by default.
Period ReadPeriod(QueryReader& query, Date today) {
  std::string kind_text =
      query.Choice("period", {"month", "quarter", "year"}).value_or(std::string("month"));
  PeriodKind kind = *ParsePeriodKind(kind_text);
  Period current = Period::Containing(kind, today);
  int year = static_cast<int>(query.Int("year", 2000, 2100).value_or(current.year()));
  int index = static_cast<int>(query.Int("index", 1, 12).value_or(current.index()));
  Result<Period> period = Period::Make(kind, year, index);
  if (!period.ok()) {
    query.AddError("index", std::to_string(index), "request.out_of_range", period.error().message);
    return current;
  }
  return *period;
}

json PeriodJson(const Period& p) {
  return {{"kind", PeriodKindId(p.kind())}, {"year", p.year()},          {"index", p.index()},
          {"from", p.first().ToString()},   {"to", p.last().ToString()}, {"label", p.Label()}};
}

json CheckJson(const RuleCheck& c) {
  return {{"rule", c.rule->id},
          {"state", CheckStateId(c.state)},
          {"state_label", CheckStateLabel(c.state)},
          {"required", c.required},
          {"recorded", c.recorded},
          {"due", c.due ? json(c.due->ToString()) : json(nullptr)},
          {"message", c.message}};
}

// "单位 / 支部" for a branch: its path below the committee, without the committee and zone.
std::string BranchPath(const Roster& roster, NodeId id) {
  std::string path;
  for (const OrgNode& step : roster.PathTo(id)) {
    if (step.kind == NodeKind::kCommittee || step.kind == NodeKind::kZone) continue;
    path += (path.empty() ? "" : " / ") + step.name;
  }
  return path;
}

// Whether the compliance of `node` lists every branch with its checks: at a unit and below.
// Above, it lists the branches that fall short (kMaxBranchesListed of them).
bool ListsAllBranches(const OrgNode& node) {
  return node.kind != NodeKind::kCommittee && node.kind != NodeKind::kZone;
}

struct Evaluation {
  std::shared_ptr<const ComplianceScope> scope;
  ComplianceReport report;

  const ComplianceInput& input() const { return scope->input(); }
};

Result<Evaluation> Evaluate(ComplianceScopes& scopes, const LifeIndex& index, const RuleBook& rules,
                            NodeId node, const Period& period, Date today) {
  Evaluation e;
  DJ_ASSIGN_OR_RETURN(e.scope, scopes.For(node, today));
  e.report = EvaluateCompliance(rules, index, *e.scope, period, today,
                                ListsAllBranches(e.input().nodes.front().node)
                                    ? ComplianceDetail::kAll
                                    : ComplianceDetail::kNonCompliant);
  return e;
}

json ComplianceJson(const Evaluation& e, const Roster& roster) {
  const ComplianceReport& r = e.report;
  const OrgNode& node = e.input().nodes.front().node;
  json rules = json::array();
  for (const Rule* rule : r.rules) rules.push_back(RuleBriefJson(*rule));

  // Per rule, how many branches are in each state.
  std::vector<std::array<int64_t, kCheckStateCount>> by_rule(r.rules.size());
  int64_t compliant = 0;
  for (const BranchCompliance& b : r.branches) {
    compliant += b.compliant ? 1 : 0;
    for (size_t i = 0; i < b.checks.size(); ++i) ++by_rule[i][static_cast<int>(b.checks[i].state)];
  }
  json by_rule_json = json::array();
  for (size_t i = 0; i < r.rules.size(); ++i) {
    json item = {{"rule", r.rules[i]->id}};
    for (int s = 0; s < kCheckStateCount; ++s) {
      item[CheckStateId(static_cast<CheckState>(s))] = by_rule[i][s];
    }
    by_rule_json.push_back(std::move(item));
  }
  auto share = [](int64_t part, int64_t whole) {
    return whole == 0 ? json(nullptr) : json(static_cast<double>(part) / whole);
  };
  const int64_t branches = static_cast<int64_t>(r.branches.size());

  // Children roll-up: each child's subtree is a contiguous run of the pre-order input.
  json children = json::array();
  std::unordered_map<NodeId, size_t> child_of_branch;
  std::vector<const OrgNode*> child_nodes;
  {
    const OrgNode* current = nullptr;
    for (size_t i = 1; i < e.input().nodes.size(); ++i) {
      const OrgNode& n = e.input().nodes[i].node;
      if (n.parent_id == node.id) {
        current = &n;
        child_nodes.push_back(current);
      }
      if (current && n.kind == NodeKind::kBranch) child_of_branch[n.id] = child_nodes.size() - 1;
    }
  }
  std::vector<std::pair<int64_t, int64_t>> child_counts(child_nodes.size());
  for (const BranchCompliance& b : r.branches) {
    auto it = child_of_branch.find(b.branch_id);
    if (it == child_of_branch.end()) continue;
    ++child_counts[it->second].first;
    child_counts[it->second].second += b.compliant ? 1 : 0;
  }
  for (size_t i = 0; i < child_nodes.size(); ++i) {
    if (child_nodes[i]->kind == NodeKind::kGroup) continue;
    json c = NodeBriefJson(*child_nodes[i]);
    c["branches"] = child_counts[i].first;
    c["compliant"] = child_counts[i].second;
    c["share"] = share(child_counts[i].second, child_counts[i].first);
    children.push_back(std::move(c));
  }

  // Branches: all of them at unit level and below, else the non-compliant first few.
  const bool all = ListsAllBranches(node);
  std::unordered_map<NodeId, const OrgNode*> by_id;
  for (const NodeHeadcount& n : e.input().nodes) by_id.emplace(n.node.id, &n.node);
  json list = json::array();
  int64_t listed_total = 0;
  for (const BranchCompliance& b : r.branches) {
    if (!all && b.compliant) continue;
    ++listed_total;
    if (!all && list.size() >= kMaxBranchesListed) continue;
    json checks = json::array();
    for (const RuleCheck& c : b.checks) checks.push_back(CheckJson(c));
    list.push_back({{"id", b.branch_id},
                    {"name", by_id.at(b.branch_id)->name},
                    {"path", BranchPath(roster, b.branch_id)},
                    {"compliant", b.compliant},
                    {"checks", std::move(checks)}});
  }
  // Units and their bodies (JG-19-1/2): those that fall short, or every one at a unit.
  json unit_rules = json::array();
  for (const Rule* rule : r.unit_rules) unit_rules.push_back(RuleBriefJson(*rule));
  json units = json::array();
  int64_t units_compliant = 0;
  for (const UnitCompliance& u : r.units) {
    units_compliant += u.compliant ? 1 : 0;
    if (!all && u.compliant) continue;
    json checks = json::array();
    for (const RuleCheck& c : u.checks) checks.push_back(CheckJson(c));
    units.push_back({{"id", u.unit_id},
                     {"name", by_id.at(u.unit_id)->name},
                     {"path", BranchPath(roster, u.unit_id)},
                     {"members", u.members},
                     {"compliant", u.compliant},
                     {"checks", std::move(checks)}});
  }
  const int64_t unit_count = static_cast<int64_t>(r.units.size());
  return {{"node", NodeBriefJson(node)},
          {"period", PeriodJson(r.period)},
          {"as_of", r.as_of.ToString()},
          {"rules", std::move(rules)},
          {"unit_rules", std::move(unit_rules)},
          {"summary",
           {{"branches", branches},
            {"compliant", compliant},
            {"share", share(compliant, branches)},
            {"by_rule", std::move(by_rule_json)},
            {"units", unit_count},
            {"units_compliant", units_compliant}}},
          {"children", std::move(children)},
          {"branches", std::move(list)},
          {"branches_total", all ? branches : listed_total},
          {"units", std::move(units)}};
}

json ReminderJson(const Reminder& r, const Roster& roster) {
  json item = {
      {"kind", ReminderKindId(r.kind)},
      {"state", ReminderStateId(r.state)},
      {"rule", r.rule ? json(r.rule->id) : json(nullptr)},
      {"source", r.rule ? json(r.rule->source) : json(nullptr)},
      {"unverified", r.rule && r.rule->status == RuleStatus::kUnverified},
      {"due", r.due ? json(r.due->ToString()) : json(nullptr)},
      {"node_id", r.node_id},
      {"node_name", NodeName(roster, r.node_id)},
      {"member_id", r.member_id ? json(*r.member_id) : json(nullptr)},
      {"member_name", r.member_id ? json(r.member_name) : json(nullptr)},
      {"meeting_id", r.meeting_id ? json(*r.meeting_id) : json(nullptr)},
      {"meeting_type", r.meeting_type ? json(MeetingTypeId(*r.meeting_type)) : json(nullptr)},
      {"message", r.message}};
  return item;
}

// "每季度至少 1 次" for a frequency rule; "" for others.
std::string RequirementText(const Rule& rule) {
  std::optional<PeriodKind> per = ParsePeriodKind(rule.Text("per"));
  if (!per) return "";
  const char* every = *per == PeriodKind::kMonth     ? "每月"
                      : *per == PeriodKind::kQuarter ? "每季度"
                                                     : "每年";
  std::string who = rule.Text("applies_to") == "group" ? "每个党小组" : "";
  std::string text = who + every + "至少 " +
                     std::to_string(static_cast<int>(rule.Number("min", 1))) + " 次（" + rule.id +
                     (rule.status == RuleStatus::kUnverified ? "，待核实" : "") + "）";
  return text;
}

// The records of `holder` in `year` with the names their ids refer to.
Result<std::vector<LedgerRecord>> LedgerRecords(MeetingRepository& repo, const Roster& roster,
                                                const OrgNode& holder, int year) {
  Date first = *Date::FromYmd(year, 1, 1);
  Date last = *Date::FromYmd(year, 12, 31);
  DJ_ASSIGN_OR_RETURN(std::vector<Meeting> meetings, repo.ListAt(holder.id, first, last));
  std::vector<LedgerRecord> out;
  for (Meeting& m : meetings) {
    LedgerRecord r;
    std::vector<RollEntry> roll = roster.RollOn(RollNodeOf(holder), m.date);
    r.expected = static_cast<int>(roll.size());
    for (const Absence& a : m.absences) {
      auto it = std::lower_bound(roll.begin(), roll.end(), a.member_id,
                                 [](const RollEntry& e, MemberId id) { return e.id < id; });
      std::string name = it != roll.end() && it->id == a.member_id
                             ? it->name
                             : "党员 " + std::to_string(a.member_id);
      r.absences.emplace_back(std::move(name), a);
    }
    r.node_name = holder.name;
    r.meeting = std::move(m);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

void AddLifeRoutes(Router& router, MeetingService& meetings, MeetingRepository& repo,
                   const LifeIndex& index, const Roster& roster, ComplianceScopes& scopes,
                   const RuleBook& rules, const Clock& clock) {
  const RouteAccess read_node{"life.read", AccessTarget::kQueryNode};
  const RouteAccess read_meeting{"life.read", AccessTarget::kPathMeeting};
  const RouteAccess write_meeting{"life.write", AccessTarget::kPathMeeting};

  router.Add(
      Method::kGet, "/api/life/rules",
      [&rules, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        Date date = query.DateParam("date").value_or(clock.Today());
        DJ_RETURN_IF_ERROR(query.Finish());
        json items = json::array();
        for (const Rule* r : rules.InForce(date)) items.push_back(RuleJson(*r));
        return JsonOk(
            {{"version", rules.version()}, {"date", date.ToString()}, {"items", std::move(items)}});
      },
      RouteAccess{"authenticated"});

  router.Add(
      Method::kGet, "/api/life/templates",
      [](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        json items = json::array();
        for (const MeetingTemplate& t : MeetingTemplates()) {
          json topics = json::array();
          for (const Topic& topic : t.topics) {
            topics.push_back({{"title", topic.title}, {"first_agenda", topic.first_agenda}});
          }
          json kinds = json::array();
          for (int k = 0; k < kNodeKindCount; ++k) {
            if (MayHold(static_cast<NodeKind>(k), t.type)) {
              kinds.push_back(NodeKindId(static_cast<NodeKind>(k)));
            }
          }
          items.push_back({{"type", MeetingTypeId(t.type)},
                           {"label", MeetingTypeLabel(t.type)},
                           {"rule", t.rule},
                           {"node_kinds", std::move(kinds)},
                           {"duration_minutes", t.duration_minutes},
                           {"topics", std::move(topics)},
                           {"agenda", t.agenda},
                           {"checklist", t.checklist},
                           {"minutes", t.minutes}});
        }
        return JsonOk({{"items", std::move(items)}});
      },
      RouteAccess{"life.read"});

  router.Add(
      Method::kGet, "/api/meetings",
      [&meetings, &repo, &roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(NodeId node, NodeParam(query, request));
        MeetingListQuery q;
        if (auto type = query.Text("type")) {
          q.type = ParseMeetingType(*type);
          if (!q.type) query.AddError("type", *type, "request.invalid_choice", "会议类型无效");
        }
        if (auto status = query.Text("status")) {
          q.status = ParseMeetingStatus(*status);
          if (!q.status) query.AddError("status", *status, "request.invalid_choice", "状态无效");
        }
        if (auto from = query.DateParam("from")) q.from = *from;
        if (auto to = query.DateParam("to")) q.to = *to;
        QueryReader::Page page = query.Paging(20, kMaxPageSize);
        DJ_RETURN_IF_ERROR(query.Finish());
        if (!roster.GetNode(node)) return Error::NotFound("org.not_found", "组织不存在");
        q.nodes = roster.NodesUnder({node});
        q.offset = page.offset();
        q.limit = page.size;
        MeetingListPage found = meetings.List(q);
        std::vector<MeetingId> ids;
        for (const MeetingFacts& f : found.items) ids.push_back(f.id);
        DJ_ASSIGN_OR_RETURN(std::vector<Meeting> page_items, repo.GetMany(ids));
        json items = json::array();
        for (const Meeting& m : page_items) items.push_back(MeetingSummaryJson(m, roster));
        return JsonOk({{"total", found.total}, {"items", std::move(items)}});
      },
      read_node);

  router.Add(
      Method::kPost, "/api/meetings",
      [&meetings, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        DJ_ASSIGN_OR_RETURN(Meeting m, ReadMeeting(body));
        DJ_RETURN_IF_ERROR(Authorize(request, m.node_id));
        DJ_ASSIGN_OR_RETURN(Meeting created, meetings.Create(WriteContextOf(request), m));
        return JsonOk(MeetingJson(created, roster), 201);
      },
      RouteAccess{"life.write", AccessTarget::kBody}, kMeetingBodyLimit);

  router.Add(
      Method::kGet, "/api/meetings/:id",
      [&meetings, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(Meeting m, meetings.Get(id));
        return JsonOk(MeetingJson(m, roster));
      },
      read_meeting);

  router.Add(
      Method::kPut, "/api/meetings/:id",
      [&meetings, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        DJ_ASSIGN_OR_RETURN(Meeting m, ReadMeeting(body));
        DJ_RETURN_IF_ERROR(Authorize(request, m.node_id));
        DJ_ASSIGN_OR_RETURN(Meeting updated, meetings.Update(WriteContextOf(request), id, m));
        return JsonOk(MeetingJson(updated, roster));
      },
      write_meeting, kMeetingBodyLimit);

  router.Add(
      Method::kDelete, "/api/meetings/:id",
      [&meetings](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_RETURN_IF_ERROR(meetings.Delete(WriteContextOf(request), id));
        return JsonOk(json{{"id", id}});
      },
      write_meeting);

  router.Add(
      Method::kPost, "/api/meetings/:id/review",
      [&meetings, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        std::string decision = in.Required<std::string>("decision");
        std::string reason = NormalizeInput(in.Optional<std::string>("reason").value_or(""));
        if (!decision.empty() && decision != "accept" && decision != "return") {
          in.AddError("decision", decision, "invalid_choice", "审核结论应为 accept 或 return");
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(Meeting reviewed, meetings.Review(WriteContextOf(request), id,
                                                              decision == "accept", reason));
        return JsonOk(MeetingJson(reviewed, roster));
      },
      RouteAccess{"life.review", AccessTarget::kPathMeeting});

  router.Add(
      Method::kPost, "/api/meetings/:id/attachments",
      [&meetings](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        QueryReader query(request);
        std::string name = query.Text("name").value_or("");
        DJ_RETURN_IF_ERROR(query.Finish());
        std::string mime(request.Header("Content-Type"));
        if (size_t semi = mime.find(';'); semi != std::string::npos) mime.resize(semi);
        DJ_ASSIGN_OR_RETURN(
            Attachment a, meetings.Attach(WriteContextOf(request), id, name, mime, request.body()));
        return JsonOk({{"id", a.id}, {"name", a.name}, {"mime", a.mime}, {"size", a.size}}, 201);
      },
      write_meeting, static_cast<size_t>(kAttachmentMaxBytes));

  router.Add(
      Method::kGet, "/api/meetings/:id/attachments/:aid",
      [&meetings](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(AttachmentId aid, PathId(request, "aid"));
        DJ_ASSIGN_OR_RETURN(auto file, meetings.GetAttachment(id, aid));
        std::string ascii = "attachment-" + std::to_string(aid) +
                            (file.first.mime == "application/pdf" ? ".pdf"
                             : file.first.mime == "image/png"     ? ".png"
                                                                  : ".jpg");
        return FileResponse(std::move(file.second), file.first.mime, ascii, file.first.name);
      },
      read_meeting);

  router.Add(
      Method::kDelete, "/api/meetings/:id/attachments/:aid",
      [&meetings](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MeetingId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(AttachmentId aid, PathId(request, "aid"));
        DJ_RETURN_IF_ERROR(meetings.DeleteAttachment(WriteContextOf(request), id, aid));
        return JsonOk(json{{"id", aid}});
      },
      write_meeting);

  router.Add(
      Method::kGet, "/api/life/compliance",
      [&index, &roster, &scopes, &rules, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(NodeId node, NodeParam(query, request));
        Period period = ReadPeriod(query, clock.Today());
        DJ_RETURN_IF_ERROR(query.Finish());
        DJ_ASSIGN_OR_RETURN(Evaluation e,
                            Evaluate(scopes, index, rules, node, period, clock.Today()));
        return JsonOk(ComplianceJson(e, roster));
      },
      read_node);

  router.Add(
      Method::kGet, "/api/life/compliance/branch/:id",
      [&index, &roster, &scopes, &rules, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        QueryReader query(request);
        Period period = ReadPeriod(query, clock.Today());
        DJ_RETURN_IF_ERROR(query.Finish());
        std::optional<OrgNode> branch = roster.GetNode(id);
        if (!branch) return Error::NotFound("org.not_found", "组织不存在");
        if (branch->kind != NodeKind::kBranch) {
          return Error::InvalidArgument("life.not_a_branch", branch->name + " 不是党支部");
        }
        DJ_ASSIGN_OR_RETURN(Evaluation e,
                            Evaluate(scopes, index, rules, id, period, clock.Today()));
        json checks = json::array();
        const BranchCompliance& b = e.report.branches.front();
        const std::vector<BranchView>& views = e.scope->branches();
        auto lock = index.ReadLock();
        for (const RuleCheck& c : b.checks) {
          json item = CheckJson(c);
          item["title"] = c.rule->title;
          item["source"] = c.rule->source;
          item["unverified"] = c.rule->status == RuleStatus::kUnverified;
          json found = json::array();
          std::optional<MeetingType> type = ParseMeetingType(c.rule->Text("meeting_type"));
          if (type) {
            std::vector<const OrgNode*> holders =
                c.rule->kind == RuleKind::kFrequency ? RuleHolders(*c.rule, views.front())
                                                     : std::vector<const OrgNode*>{&branch.value()};
            for (const OrgNode* h : holders) {
              for (const LifeIndex::Entry& en :
                   index.EntriesLocked(h->id, period.first(), period.last())) {
                if (en.type != *type) continue;
                found.push_back({{"id", en.id},
                                 {"date", Date::FromDays(en.day).ToString()},
                                 {"type", MeetingTypeId(en.type)},
                                 {"node_id", h->id},
                                 {"node_name", h->name},
                                 {"status", MeetingStatusId(en.status)}});
              }
            }
          }
          item["meetings"] = std::move(found);
          checks.push_back(std::move(item));
        }
        return JsonOk({{"node", NodeBriefJson(*branch)},
                       {"path", BranchPath(roster, id)},
                       {"period", PeriodJson(period)},
                       {"as_of", e.report.as_of.ToString()},
                       {"compliant", b.compliant},
                       {"checks", std::move(checks)}});
      },
      RouteAccess{"life.read", AccessTarget::kPathNode});

  router.Add(
      Method::kGet, "/api/life/reminders",
      [&index, &roster, &scopes, &rules, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(NodeId node, NodeParam(query, request));
        int within = static_cast<int>(query.Int("within", 1, 366).value_or(30));
        int64_t limit = query.Int("limit", 1, kMaxReminders).value_or(200);
        std::optional<std::string> kind = query.Text("kind");
        DJ_RETURN_IF_ERROR(query.Finish());
        const Date today = clock.Today();
        DJ_ASSIGN_OR_RETURN(std::shared_ptr<const ComplianceScope> scope, scopes.For(node, today));
        std::vector<Reminder> all = BuildReminders(rules, index, *scope, today, within);
        json counts = json::object();
        json by_kind = json::object();
        json items = json::array();
        int64_t total = 0;
        for (const Reminder& r : all) {
          const char* state = ReminderStateId(r.state);
          counts[state] = counts.value(state, 0) + 1;
          const char* k = ReminderKindId(r.kind);
          by_kind[k] = by_kind.value(k, 0) + 1;
          if (kind && *kind != k) continue;
          ++total;
          if (static_cast<int64_t>(items.size()) < limit) items.push_back(ReminderJson(r, roster));
        }
        return JsonOk({{"as_of", today.ToString()},
                       {"within", within},
                       {"counts", std::move(counts)},
                       {"by_kind", std::move(by_kind)},
                       {"total", total},
                       {"items", std::move(items)}});
      },
      read_node);

  router.Add(
      Method::kGet, "/api/life/calendar",
      [&meetings, &index, &roster, &scopes, &rules, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(NodeId node, NodeParam(query, request));
        const Date today = clock.Today();
        const Period month = Period::Containing(PeriodKind::kMonth, today);
        Date from = query.DateParam("from").value_or(month.first());
        Date to = query.DateParam("to").value_or(month.last());
        DJ_RETURN_IF_ERROR(query.Finish());
        if (to < from || to.days() - from.days() > 366) {
          return Error::Validation(
              {{0, "to", to.ToString(), "range_invalid", "日期范围应在 1 至 366 天之间"}});
        }
        DJ_ASSIGN_OR_RETURN(std::shared_ptr<const ComplianceScope> scope, scopes.For(node, today));
        const ComplianceInput& input = scope->input();
        const std::vector<BranchView>& branches = scope->branches();
        const bool detail = branches.size() <= kCalendarBranchDetail;
        json items = json::array();
        // Obligations: each window of a frequency rule ending in the range, not yet met.
        {
          auto lock = index.ReadLock();
          for (const Rule* rule : rules.InForce(std::min(today, to))) {
            if (rule->kind != RuleKind::kFrequency) continue;
            std::optional<MeetingType> type = ParseMeetingType(rule->Text("meeting_type"));
            std::optional<PeriodKind> per = ParsePeriodKind(rule->Text("per"));
            if (!type || !per) continue;
            const int min = std::max(1, static_cast<int>(rule->Number("min", 1)));
            for (Period w = Period::Containing(*per, from); w.first() <= to; w = w.Next()) {
              if (w.last() < from || w.last() > to) continue;
              int open = 0;
              for (const BranchView& b : branches) {
                for (const OrgNode* h : RuleHolders(*rule, b)) {
                  int held = index.HeldInLocked(h->id, *type, w.first_month_key(), w.month_count());
                  if (held >= min) continue;
                  ++open;
                  if (!detail) continue;
                  items.push_back({{"date", w.last().ToString()},
                                   {"kind", "obligation"},
                                   {"title", std::string(MeetingTypeLabel(*type)) + "截止"},
                                   {"rule", rule->id},
                                   {"node_id", h->id},
                                   {"node_name", h->name},
                                   {"meeting_type", MeetingTypeId(*type)},
                                   {"state", w.last() < today ? "overdue" : "open"}});
                }
              }
              if (!detail && open > 0) {
                items.push_back({{"date", w.last().ToString()},
                                 {"kind", "obligation"},
                                 {"title", std::string(MeetingTypeLabel(*type)) + "截止（" +
                                               std::to_string(open) + " 个未开展）"},
                                 {"rule", rule->id},
                                 {"node_id", node},
                                 {"node_name", input.nodes.front().node.name},
                                 {"meeting_type", MeetingTypeId(*type)},
                                 {"count", open},
                                 {"state", w.last() < today ? "overdue" : "open"}});
              }
            }
          }
        }
        for (const NodeHeadcount& n : input.nodes) {
          if (n.node.term_end && from <= *n.node.term_end && *n.node.term_end <= to) {
            items.push_back({{"date", n.node.term_end->ToString()},
                             {"kind", "term_end"},
                             {"title", n.node.name + "任期届满"},
                             {"rule", "JG-18-R"},
                             {"node_id", n.node.id},
                             {"node_name", n.node.name},
                             {"state", *n.node.term_end < today ? "overdue" : "open"}});
          }
        }
        for (const MemberBrief& m : input.members) {
          if (m.status != MemberStatus::kProbationary) continue;
          Date end = m.probationary_date.AddYears(1);
          if (end < from || end > to) continue;
          items.push_back({{"date", end.ToString()},
                           {"kind", "probation_end"},
                           {"title", m.name + "预备期满"},
                           {"rule", "DZ-22-2"},
                           {"node_id", m.place},
                           {"node_name", NodeName(roster, m.place)},
                           {"member_id", m.id},
                           {"state", end < today ? "overdue" : "open"}});
        }
        MeetingListQuery q;
        q.nodes = roster.NodesUnder({node});
        q.from = from;
        q.to = to;
        q.limit = kCalendarMeetings;
        MeetingListPage held = meetings.List(q);
        for (const MeetingFacts& f : held.items) {
          items.push_back({{"date", f.date.ToString()},
                           {"kind", "meeting"},
                           {"title", MeetingTypeLabel(f.type)},
                           {"rule", nullptr},
                           {"node_id", f.node_id},
                           {"node_name", NodeName(roster, f.node_id)},
                           {"meeting_id", f.id},
                           {"meeting_type", MeetingTypeId(f.type)},
                           {"state", MeetingStatusId(f.status)}});
        }
        std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
          return a["date"].get<std::string>() < b["date"].get<std::string>();
        });
        return JsonOk({{"from", from.ToString()},
                       {"to", to.ToString()},
                       {"meetings_total", held.total},
                       {"items", std::move(items)}});
      },
      read_node);

  router.Add(
      Method::kGet, "/api/life/ledger",
      [&repo, &roster, &rules, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(NodeId node, NodeParam(query, request));
        int year = static_cast<int>(query.Int("year", 2000, 2100).value_or(clock.Today().year()));
        std::string format = query.Choice("format", {"xlsx", "docx"}).value_or("xlsx");
        DJ_RETURN_IF_ERROR(query.Finish());
        std::optional<OrgNode> holder = roster.GetNode(node);
        if (!holder) return Error::NotFound("org.not_found", "组织不存在");
        const bool xlsx = format == "xlsx";
        std::string bytes;
        std::string title;
        if (holder->kind == NodeKind::kBranch) {
          MeetingLedger ledger;
          ledger.org_name = holder->name;
          ledger.year = year;
          DJ_ASSIGN_OR_RETURN(ledger.records, LedgerRecords(repo, roster, *holder, year));
          for (const OrgNode& child : roster.Children(node)) {
            if (child.kind != NodeKind::kGroup) continue;
            DJ_ASSIGN_OR_RETURN(std::vector<LedgerRecord> more,
                                LedgerRecords(repo, roster, child, year));
            for (LedgerRecord& r : more) ledger.records.push_back(std::move(r));
          }
          std::erase_if(ledger.records, [](const LedgerRecord& r) {
            return r.meeting.type == MeetingType::kStudyGroup;
          });
          Date year_end = *Date::FromYmd(year, 12, 31);
          for (const Rule* rule : rules.InForce(std::min(year_end, clock.Today()))) {
            if (rule->kind != RuleKind::kFrequency && rule->kind != RuleKind::kCoverage) continue;
            std::optional<MeetingType> type = ParseMeetingType(rule->Text("meeting_type"));
            if (!type || *type == MeetingType::kStudyGroup) continue;
            bool seen = false;
            for (const auto& [t, text] : ledger.requirements) seen = seen || t == *type;
            if (!seen) ledger.requirements.emplace_back(*type, RequirementText(*rule));
          }
          title = holder->name + "-" + std::to_string(year) + "年组织生活台账";
          DJ_ASSIGN_OR_RETURN(
              bytes, xlsx ? WriteMeetingLedgerXlsx(ledger) : WriteMeetingLedgerDocx(ledger));
        } else if (MayHold(holder->kind, MeetingType::kStudyGroup)) {
          StudyGroupLedger ledger;
          ledger.org_name = holder->name;
          ledger.year = year;
          DJ_ASSIGN_OR_RETURN(ledger.records, LedgerRecords(repo, roster, *holder, year));
          std::erase_if(ledger.records, [](const LedgerRecord& r) {
            return r.meeting.type != MeetingType::kStudyGroup ||
                   r.meeting.status == MeetingStatus::kReturned;
          });
          title = holder->name + "-" + std::to_string(year) + "年理论学习中心组学习台账";
          DJ_ASSIGN_OR_RETURN(
              bytes, xlsx ? WriteStudyGroupLedgerXlsx(ledger) : WriteStudyGroupLedgerDocx(ledger));
        } else {
          return Error::InvalidArgument(
              "ledger.node_kind",
              std::string(
                  "台账按党支部（会议记录台账）或单位、机关党委、党总支（中心组学习台账）生成，") +
                  NodeKindLabel(holder->kind) + "没有台账");
        }
        const char* type =
            xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                 : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return FileResponse(
            std::move(bytes), type,
            "ledger-" + std::to_string(node) + "-" + std::to_string(year) + "." + format,
            title + "." + format);
      },
      read_node);
}

}  // namespace dj::http
