#include "http/api/org_controller.h"

#include <nlohmann/json.hpp>

#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/api/json_mapping.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {

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
}

}  // namespace dj::http
