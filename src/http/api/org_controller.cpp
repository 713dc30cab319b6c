#include "http/api/org_controller.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/api/json_mapping.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

// A structure warning with the sentence people read.
json WarningJson(const StructureWarning& w) {
  const NodeHeadcount& at = w.at;
  std::string message;
  switch (w.kind) {
    case StructureWarningKind::kTermEnded:
      message = "任期已于 " + at.node.term_end->ToString() + " 届满，应按期换届";
      break;
    case StructureWarningKind::kTermEnding:
      message = "任期将于 " + at.node.term_end->ToString() + " 届满，请做好换届准备";
      break;
    case StructureWarningKind::kBranchOver50:
      message = "党员 " + std::to_string(at.members) + " 名，超过 50 名，宜分设支部";
      break;
    case StructureWarningKind::kCommitteeMissing:
      message = "正式党员 " + std::to_string(at.full) + " 名，应设立支部委员会（委员 3 至 5 名）";
      break;
  }
  return {{"key", StructureWarningId(w.kind)},
          {"label", StructureWarningLabel(w.kind)},
          {"rule", StructureWarningRule(w.kind)},
          {"node_id", at.node.id},
          {"node_name", at.node.name},
          {"node_code", at.node.code},
          {"node_kind", NodeKindId(at.node.kind)},
          {"members", at.members},
          {"full", at.full},
          {"term_end", at.node.term_end ? json(at.node.term_end->ToString()) : json(nullptr)},
          {"message", std::move(message)}};
}

constexpr size_t kOverviewWarnings = 100;

}  // namespace

void AddOrgRoutes(Router& router, OrgService& orgs, const Roster& roster, const Clock& clock) {
  const RouteAccess read{"org.read", AccessTarget::kPathNode};
  const RouteAccess write{"org.write", AccessTarget::kPathNode};

  router.Add(
      Method::kGet, "/api/orgs/root",
      [&roster](Request& request) -> Result<Response> {
        // The top of what the caller sees: the tree's root for those who reach all of it,
        // else the first root of their scope (GET /api/auth/me lists them all).
        std::optional<OrgNode> root = roster.Root();
        if (!root) return Error::NotFound("org.not_found", "组织树还是空的");
        std::vector<NodeId> roots = ScopeRoots(request);
        if (roots.empty()) return Forbidden();
        if (roots.front() != root->id) root = roster.GetNode(roots.front());
        if (!root) return Forbidden();
        return JsonOk(OrgNodeSummaryJson(*root, roster));
      },
      RouteAccess{"org.read"});

  router.Add(
      Method::kGet, "/api/orgs/search",
      [&roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        std::string text = NormalizeInput(query.Text("q").value_or(""));
        int64_t limit = query.Int("limit", 1, 100).value_or(20);
        DJ_RETURN_IF_ERROR(query.Finish());
        if (text.empty()) {
          return Error::Validation({{0, "q", "", "required", "请输入组织名称或编码的一部分"}});
        }
        size_t total = 0;
        std::vector<OrgNode> found =
            roster.FindNodes(text, ScopeRoots(request), static_cast<size_t>(limit), &total);
        json items = json::array();
        for (const OrgNode& node : found) {
          json item = OrgNodeJson(node);
          std::string path;
          for (const OrgNode& step : roster.PathTo(node.id)) {
            path += (path.empty() ? "" : " / ") + step.name;
          }
          item["path"] = std::move(path);
          items.push_back(std::move(item));
        }
        return JsonOk({{"total", total}, {"items", std::move(items)}});
      },
      RouteAccess{"org.read"});

  router.Add(
      Method::kPost, "/api/orgs",
      [&orgs](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
        JsonReader in(body);
        OrgNode node = ReadOrgNode(body, in, OrgNode{}, /*partial=*/false);
        DJ_RETURN_IF_ERROR(in.Finish());
        // A new root only for those who reach the whole tree (Authorize on a missing node).
        DJ_RETURN_IF_ERROR(Authorize(request, node.parent_id.value_or(0)));
        DJ_ASSIGN_OR_RETURN(OrgNode created, orgs.Create(WriteContextOf(request), node));
        return JsonOk(OrgNodeJson(created), 201);
      },
      RouteAccess{"org.write", AccessTarget::kBody});

  router.Add(
      Method::kGet, "/api/orgs/:id",
      [&orgs](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(OrgNode node, orgs.Get(id));
        return JsonOk(OrgNodeJson(node));
      },
      read);

  router.Add(
      Method::kPut, "/api/orgs/:id",
      [&orgs](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
        DJ_ASSIGN_OR_RETURN(OrgNode before, orgs.Get(id));
        JsonReader in(body);
        OrgNode after = ReadOrgNode(body, in, before, /*partial=*/true);
        DJ_RETURN_IF_ERROR(in.Finish());
        if (after.parent_id != before.parent_id) {
          DJ_RETURN_IF_ERROR(Authorize(request, after.parent_id.value_or(0)));
        }
        DJ_ASSIGN_OR_RETURN(OrgNode updated, orgs.Update(WriteContextOf(request), id, after));
        return JsonOk(OrgNodeJson(updated));
      },
      write);

  router.Add(
      Method::kDelete, "/api/orgs/:id",
      [&orgs](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_RETURN_IF_ERROR(orgs.Delete(WriteContextOf(request), id));
        return JsonOk(nlohmann::json{{"id", id}});
      },
      write);

  router.Add(
      Method::kGet, "/api/orgs/:id/children",
      [&orgs, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(std::vector<OrgNode> children, orgs.Children(id));
        nlohmann::json out = nlohmann::json::array();
        for (const OrgNode& child : children) out.push_back(OrgNodeSummaryJson(child, roster));
        return JsonOk(out);
      },
      read);

  router.Add(
      Method::kGet, "/api/orgs/:id/path",
      [&orgs](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(std::vector<OrgNode> path, orgs.Path(id));
        nlohmann::json out = nlohmann::json::array();
        for (const OrgNode& node : path) out.push_back(OrgNodeJson(node));
        return JsonOk(out);
      },
      read);

  router.Add(
      Method::kGet, "/api/orgs/:id/stats",
      [&orgs, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        QueryReader query(request);
        std::optional<Date> as_of = query.DateParam("as_of");
        DJ_RETURN_IF_ERROR(query.Finish());
        DJ_ASSIGN_OR_RETURN(SubtreeStats stats, orgs.Stats(id, as_of.value_or(clock.Today())));
        return JsonOk(StatsJson(stats));
      },
      read);

  router.Add(
      Method::kGet, "/api/orgs/:id/overview",
      [&orgs, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        Date today = clock.Today();
        DJ_ASSIGN_OR_RETURN(SubtreeStats stats, orgs.Stats(id, today));
        DJ_ASSIGN_OR_RETURN(std::vector<NodeHeadcount> nodes, roster.Headcounts(id));
        StructureOverview overview = BuildStructureOverview(nodes, today);
        json largest = json::array();
        for (const NodeHeadcount& b : overview.largest_branches) {
          largest.push_back({{"id", b.node.id},
                             {"name", b.node.name},
                             {"code", b.node.code},
                             {"members", b.members},
                             {"full", b.full}});
        }
        json counts = json::array();
        for (int i = 0; i < kStructureWarningKindCount; ++i) {
          auto kind = static_cast<StructureWarningKind>(i);
          counts.push_back({{"key", StructureWarningId(kind)},
                            {"label", StructureWarningLabel(kind)},
                            {"rule", StructureWarningRule(kind)},
                            {"count", overview.warning_counts[i]}});
        }
        json warnings = json::array();
        for (size_t i = 0; i < overview.warnings.size() && i < kOverviewWarnings; ++i) {
          warnings.push_back(WarningJson(overview.warnings[i]));
        }
        return JsonOk({{"stats", StatsJson(stats)},
                       {"branch_count", overview.branch_count},
                       {"branches_by_size", std::move(largest)},
                       {"warning_counts", std::move(counts)},
                       {"warnings", std::move(warnings)}});
      },
      read);

  router.Add(
      Method::kGet, "/api/orgs/:id/warnings",
      [&roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(NodeId id, PathId(request));
        QueryReader query(request);
        std::optional<std::string> key = query.Choice(
            "key", {"term_ended", "branch_over_50", "committee_missing", "term_ending"});
        QueryReader::Page page = query.Paging(20, kMaxPageSize);
        DJ_RETURN_IF_ERROR(query.Finish());
        DJ_ASSIGN_OR_RETURN(std::vector<NodeHeadcount> nodes, roster.Headcounts(id));
        StructureOverview overview = BuildStructureOverview(nodes, clock.Today(), 0);
        std::vector<const StructureWarning*> kept;
        for (const StructureWarning& w : overview.warnings) {
          if (!key || StructureWarningId(w.kind) == *key) kept.push_back(&w);
        }
        json items = json::array();
        for (int64_t i = page.offset();
             i < static_cast<int64_t>(kept.size()) && i < page.offset() + page.size; ++i) {
          items.push_back(WarningJson(*kept[i]));
        }
        return JsonOk({{"total", kept.size()},
                       {"page", page.page},
                       {"page_size", page.size},
                       {"items", std::move(items)}});
      },
      read);
}

}  // namespace dj::http
