#include "http/api/contest_result_controller.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exchange/contest_sheet.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/api/sheet_answer.h"
#include "http/envelope.h"

namespace dj::http {
namespace {

using nlohmann::json;

constexpr size_t kMaxRankPage = 500;

// The contest of the path and the node asked for (query "node", else the contest's scope),
// after checking that the caller reaches that node and that it lies in the contest's scope.
struct Target {
  Contest contest;
  NodeId node = 0;
};

Result<Target> TargetOf(const Request& request, const ContestService& contests,
                        const Roster& roster, QueryReader& query) {
  DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
  std::optional<int64_t> node = query.Int("node", 1, INT64_MAX);
  Result<Contest> found = contests.Get(id);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) DJ_RETURN_IF_ERROR(Authorize(request, 0));
    return std::move(found).error();
  }
  Target t{std::move(found).value(), node.value_or(0)};
  if (t.node == 0) t.node = t.contest.settings.scope;
  DJ_RETURN_IF_ERROR(Authorize(request, t.node));
  if (!roster.IsInSubtree(t.node, t.contest.settings.scope)) {
    return Error::NotFound("org.not_found", "组织不在本次竞答的范围内");
  }
  return t;
}

// The nearest node of `kind` on the path to `node` (itself included), or "".
std::string NameAbove(const std::vector<OrgNode>& path, NodeKind kind) {
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    if (it->kind == kind) return it->name;
  }
  return "";
}

MemberRankRow MemberRow(const MemberRank& r, const Roster& roster) {
  std::vector<OrgNode> path = roster.PathTo(r.branch);
  return {r.rank,
          roster.NameOf(r.member).value_or(""),
          path.empty() ? "" : path.back().name,
          NameAbove(path, NodeKind::kUnit),
          r.points,
          r.max_points,
          r.seconds,
          r.submitted_at};
}

std::optional<NodeKind> RankLevel(std::string_view by) {
  if (by == "branch") return NodeKind::kBranch;
  if (by == "unit") return NodeKind::kUnit;
  if (by == "zone") return NodeKind::kZone;
  return std::nullopt;
}

json NodeRankJson(const NodeRank& r, const Roster& roster) {
  std::optional<OrgNode> node = roster.GetNode(r.node);
  return {{"rank", r.rank},
          {"node", r.node},
          {"name", node ? node->name : ""},
          {"kind", node ? NodeKindId(node->kind) : ""},
          {"eligible", r.eligible},
          {"participants", r.participants},
          {"rate", r.rate},
          {"average", r.average}};
}

json ActivityJson(const std::vector<Activity>& list) {
  json out = json::array();
  for (const Activity& a : list) {
    out.push_back({{"at", a.at}, {"started", a.started}, {"submitted", a.submitted}});
  }
  return out;
}

// "http://host" of the request as the client addressed it, for links handed out.
std::string Origin(const Request& request) {
  std::string_view host = request.Header("Host");
  std::string_view proto = request.Header("X-Forwarded-Proto");
  return std::string(proto == "https" ? "https" : "http") + "://" +
         std::string(host.empty() ? "127.0.0.1:8080" : host);
}

}  // namespace

void AddContestResultRoutes(Router& router, const ContestService& contests,
                            const AttemptService& attempts, const PassSigner& passes,
                            const Roster& roster, const Clock& clock) {
  const RouteAccess record{"contest.manage", AccessTarget::kPathRecord};

  router.Add(
      Method::kGet, "/api/contests/:id/ranking",
      [&contests, &attempts, &roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        std::optional<std::string> by = query.Choice("by", {"member", "branch", "unit", "zone"});
        std::optional<std::string> order = query.Choice("order", {"rate", "average"});
        const size_t offset = static_cast<size_t>(query.Int("offset", 0, INT32_MAX).value_or(0));
        const size_t limit = static_cast<size_t>(query.Int("limit", 1, kMaxRankPage).value_or(50));
        DJ_ASSIGN_OR_RETURN(Target t, TargetOf(request, contests, roster, query));
        DJ_RETURN_IF_ERROR(query.Finish());
        json items = json::array();
        size_t total = 0;
        if (by.value_or("member") == "member") {
          DJ_ASSIGN_OR_RETURN(std::vector<MemberRank> ranks,
                              attempts.RankMembers(t.contest.id, t.node, offset, limit, &total));
          for (const MemberRank& r : ranks) {
            MemberRankRow row = MemberRow(r, roster);
            items.push_back({{"rank", r.rank},
                             {"member", r.member},
                             {"name", row.name},
                             {"branch", row.branch},
                             {"unit", row.unit},
                             {"points", r.points},
                             {"max_points", r.max_points},
                             {"seconds", r.seconds},
                             {"submitted_at", r.submitted_at}});
          }
        } else {
          DJ_ASSIGN_OR_RETURN(
              std::vector<NodeRank> ranks,
              attempts.RankNodes(t.contest.id, t.node, *RankLevel(*by),
                                 order.value_or("rate") == "average" ? NodeRankOrder::kAverage
                                                                     : NodeRankOrder::kRate));
          total = ranks.size();
          for (size_t i = offset; i < ranks.size() && items.size() < limit; ++i) {
            items.push_back(NodeRankJson(ranks[i], roster));
          }
        }
        return JsonOk({{"total", total}, {"items", std::move(items)}});
      },
      record);

  router.Add(
      Method::kGet, "/api/contests/:id/ranking/export",
      [&contests, &attempts, &roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(Target t, TargetOf(request, contests, roster, query));
        DJ_RETURN_IF_ERROR(query.Finish());
        size_t total = 0;
        DJ_ASSIGN_OR_RETURN(std::vector<MemberRank> ranks,
                            attempts.RankMembers(t.contest.id, t.node, 0, SIZE_MAX, &total));
        std::vector<MemberRankRow> members;
        members.reserve(ranks.size());
        for (const MemberRank& r : ranks) members.push_back(MemberRow(r, roster));
        std::vector<NodeRankSheet> levels = {
            {"协作区排名", "协作区", {}}, {"单位排名", "单位", {}}, {"支部排名", "支部", {}}};
        const NodeKind kinds[] = {NodeKind::kZone, NodeKind::kUnit, NodeKind::kBranch};
        for (size_t i = 0; i < levels.size(); ++i) {
          DJ_ASSIGN_OR_RETURN(
              std::vector<NodeRank> nodes,
              attempts.RankNodes(t.contest.id, t.node, kinds[i], NodeRankOrder::kRate));
          for (const NodeRank& n : nodes) {
            std::optional<OrgNode> node = roster.GetNode(n.node);
            levels[i].rows.push_back(
                {n.rank, node ? node->name : "", n.eligible, n.participants, n.rate, n.average});
          }
        }
        DJ_ASSIGN_OR_RETURN(std::string bytes, WriteRankingExport(members, levels));
        return FileResponse(std::move(bytes), kXlsxContentType, "contest-ranking.xlsx",
                            t.contest.settings.title + "排名.xlsx");
      },
      record);

  router.Add(
      Method::kGet, "/api/contests/:id/monitor",
      [&contests, &attempts, &roster, &clock](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(Target t, TargetOf(request, contests, roster, query));
        DJ_RETURN_IF_ERROR(query.Finish());
        const int64_t now = clock.NowUnixSeconds();
        DJ_ASSIGN_OR_RETURN(ContestMonitor m, attempts.Monitor(t.contest.id, now));
        return JsonOk({{"now", now},
                       {"eligible", m.eligible},
                       {"participants", m.participants},
                       {"rate", m.eligible > 0 ? static_cast<double>(m.participants) /
                                                     static_cast<double>(m.eligible)
                                               : 0.0},
                       {"average", m.average},
                       {"started", m.started},
                       {"submitted", m.submitted},
                       {"in_progress", m.in_progress},
                       {"per_minute", ActivityJson(m.per_minute)},
                       {"per_second", ActivityJson(m.per_second)}});
      },
      record);

  router.Add(
      Method::kGet, "/api/contests/:id/passes",
      [&contests, &passes, &roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        DJ_ASSIGN_OR_RETURN(Target t, TargetOf(request, contests, roster, query));
        DJ_RETURN_IF_ERROR(query.Finish());
        if (t.contest.status != ContestStatus::kPublished) {
          return Error::Conflict("contest.not_published", "竞答发布后才能导出参赛链接");
        }
        std::vector<MemberBrief> members = roster.ActiveMembersUnder(t.node);
        std::vector<PassRow> rows;
        rows.reserve(members.size());
        const std::string origin = Origin(request);
        std::unordered_map<NodeId, std::pair<std::string, std::string>> places;
        for (const MemberBrief& m : members) {
          auto place = places.find(m.branch_id);
          if (place == places.end()) {
            std::vector<OrgNode> path = roster.PathTo(m.branch_id);
            place = places
                        .emplace(m.branch_id, std::pair(NameAbove(path, NodeKind::kUnit),
                                                        path.empty() ? "" : path.back().name))
                        .first;
          }
          rows.push_back({place->second.first, place->second.second, m.name,
                          origin + "/take#" + passes.Issue(t.contest.id, m.id)});
        }
        std::sort(rows.begin(), rows.end(), [](const PassRow& a, const PassRow& b) {
          return std::tie(a.unit, a.branch, a.name) < std::tie(b.unit, b.branch, b.name);
        });
        DJ_ASSIGN_OR_RETURN(std::string bytes, WritePassList(rows));
        return FileResponse(std::move(bytes), kXlsxContentType, "contest-links.xlsx",
                            t.contest.settings.title + "参赛链接.xlsx");
      },
      record);

  router.Add(
      Method::kGet, "/api/my/contests",
      [&contests, &passes, &roster, &clock](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        const Access* access = AccessOf(request);
        json items = json::array();
        const MemberId member =
            access != nullptr ? access->caller.user.member_id.value_or(0) : MemberId{0};
        std::optional<NodeId> branch = roster.BranchOf(member);
        std::optional<MemberStatus> status = roster.StatusOf(member);
        const bool active = status == MemberStatus::kFull || status == MemberStatus::kProbationary;
        const int64_t now = clock.NowUnixSeconds();
        if (member > 0 && branch && active) {
          for (const Contest& c : contests.List()) {
            if (c.status == ContestStatus::kDraft) continue;
            if (!roster.IsInSubtree(*branch, c.settings.scope)) continue;
            const bool open = c.status == ContestStatus::kPublished &&
                              now >= c.settings.starts_at && now < c.settings.ends_at;
            items.push_back({{"id", c.id},
                             {"title", c.settings.title},
                             {"status", ContestStatusId(c.status)},
                             {"starts_at", c.settings.starts_at},
                             {"ends_at", c.settings.ends_at},
                             {"open", open},
                             {"pass", passes.Issue(c.id, member)}});
          }
        }
        return JsonOk(
            {{"member", member > 0 ? json(member) : json()}, {"items", std::move(items)}});
      },
      RouteAccess{"authenticated"});
}

}  // namespace dj::http
