#include "http/api/transfer_controller.h"

#include <nlohmann/json.hpp>
#include <string>

#include "common/text.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

// The most a listing returns; pending transfers of a province are far fewer.
constexpr size_t kMaxTransfersListed = 500;

json EndJson(const Roster& roster, std::optional<NodeId> id) {
  if (!id) return nullptr;
  std::optional<OrgNode> n = roster.GetNode(*id);
  std::string path;
  for (const OrgNode& step : roster.PathTo(*id)) {
    if (step.kind == NodeKind::kCommittee || step.kind == NodeKind::kZone) continue;
    path += (path.empty() ? "" : " / ") + step.name;
  }
  return {{"id", *id}, {"name", n ? n->name : std::string("（已删除）")}, {"path", path}};
}

json TransferJson(const TransferRequest& t, const Roster& roster) {
  return {{"id", t.id},
          {"member_id", t.member_id},
          {"member_name", roster.NameOf(t.member_id).value_or("")},
          {"from_branch", EndJson(roster, t.from_branch_id)},
          {"to_branch", EndJson(roster, t.to_branch_id)},
          {"to_group", EndJson(roster, t.to_group_id)},
          {"initiated_on", t.initiated_on.ToString()},
          {"note", t.note},
          {"status", TransferStatusId(t.status)},
          {"status_label", TransferStatusLabel(t.status)},
          {"decided_on", t.decided_on ? json(t.decided_on->ToString()) : json(nullptr)},
          {"decision_note", t.decision_note}};
}

// The request of the path's :id, after checking the caller reaches `end` of it (the sending
// branch, the receiving one, or either).
enum class End { kFrom, kTo, kEither };
Result<TransferRequest> TransferFor(Request& request, MemberService& members, End end) {
  DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
  Result<TransferRequest> found = members.GetTransfer(id);
  if (!found.ok()) {
    // A missing transfer is refused as one outside the caller's reach would be, unless they
    // reach the whole tree (as for a missing node).
    if (found.error().code == ErrorCode::kNotFound) DJ_RETURN_IF_ERROR(Authorize(request, 0));
    return std::move(found).error();
  }
  TransferRequest t = std::move(found).value();
  switch (end) {
    case End::kFrom:
      DJ_RETURN_IF_ERROR(Authorize(request, t.from_branch_id));
      break;
    case End::kTo:
      DJ_RETURN_IF_ERROR(Authorize(request, t.to_branch_id));
      break;
    case End::kEither:
      if (!Authorize(request, t.from_branch_id).ok()) {
        DJ_RETURN_IF_ERROR(Authorize(request, t.to_branch_id));
      }
      break;
  }
  return t;
}

}  // namespace

void AddTransferRoutes(Router& router, MemberService& members, const Roster& roster) {
  // The handlers check which end of a transfer the caller must reach.
  const RouteAccess read{"member.read", AccessTarget::kPathRecord};
  const RouteAccess write{"member.write", AccessTarget::kPathRecord};

  router.Add(
      Method::kGet, "/api/transfers",
      [&members, &roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        std::optional<int64_t> node = query.Int("node", 1, INT64_MAX);
        std::optional<std::string> status_text =
            query.Choice("status", {"pending", "accepted", "returned", "cancelled"});
        DJ_RETURN_IF_ERROR(query.Finish());
        std::vector<NodeId> roots = node ? std::vector<NodeId>{*node} : ScopeRoots(request);
        if (roots.empty()) return Forbidden();
        std::optional<TransferStatus> status;
        if (status_text) status = ParseTransferStatus(*status_text);
        DJ_ASSIGN_OR_RETURN(std::vector<TransferRequest> all, members.ListTransfers(status));
        auto under = [&](NodeId branch) {
          for (NodeId root : roots) {
            if (roster.IsInSubtree(branch, root)) return true;
          }
          return false;
        };
        json items = json::array();
        int64_t total = 0;
        for (const TransferRequest& t : all) {
          const bool out = under(t.from_branch_id);
          const bool in = under(t.to_branch_id);
          if (!out && !in) continue;
          ++total;
          if (items.size() >= kMaxTransfersListed) continue;
          json item = TransferJson(t, roster);
          item["direction"] = out && in ? "within" : out ? "out" : "in";
          items.push_back(std::move(item));
        }
        return JsonOk({{"total", total}, {"items", std::move(items)}});
      },
      RouteAccess{"member.read", AccessTarget::kQueryNode});

  router.Add(
      Method::kGet, "/api/transfers/:id",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(TransferRequest t, TransferFor(request, members, End::kEither));
        return JsonOk(TransferJson(t, roster));
      },
      read);

  // The receiving branch is usually outside the sender's scope (another unit, another city):
  // any holder of member.write may look up branches of the whole tree by name or code, and
  // sees only what a letter of introduction names — id, name, code and path, no figures.
  router.Add(
      Method::kGet, "/api/transfers/branches",
      [&roster](Request& request) -> Result<Response> {
        QueryReader query(request);
        std::string text = NormalizeInput(query.Text("q").value_or(""));
        int64_t limit = query.Int("limit", 1, 50).value_or(20);
        DJ_RETURN_IF_ERROR(query.Finish());
        if (text.empty()) {
          return Error::Validation({{0, "q", "", "required", "请输入党支部名称或编码的一部分"}});
        }
        std::optional<OrgNode> root = roster.Root();
        size_t total = 0;
        std::vector<OrgNode> found;
        if (root) {
          found = roster.FindNodes(text, {root->id}, static_cast<size_t>(limit), &total,
                                   NodeKind::kBranch);
        }
        json items = json::array();
        for (const OrgNode& node : found) {
          json item = EndJson(roster, node.id);
          item["code"] = node.code;
          items.push_back(std::move(item));
        }
        return JsonOk({{"total", total}, {"items", std::move(items)}});
      },
      RouteAccess{"member.write"});

  router.Add(
      Method::kPost, "/api/members/:id/transfer-requests",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        int64_t to_branch = in.Required<int64_t>("to_branch_id");
        std::optional<int64_t> to_group = in.Optional<int64_t>("to_group_id");
        std::string note = in.Optional<std::string>("note").value_or("");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(TransferRequest t,
                            members.RequestTransfer(WriteContextOf(request), id, to_branch,
                                                    to_group, std::move(note)));
        return JsonOk(TransferJson(t, roster), 201);
      },
      RouteAccess{"member.write", AccessTarget::kPathMember});

  router.Add(
      Method::kPost, "/api/transfers/:id/accept",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(TransferRequest t, TransferFor(request, members, End::kTo));
        std::optional<int64_t> to_group;
        if (!request.body().empty()) {
          DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
          JsonReader in(body);
          to_group = in.Optional<int64_t>("to_group_id");
          DJ_RETURN_IF_ERROR(in.Finish());
        }
        DJ_RETURN_IF_ERROR(members.AcceptTransfer(WriteContextOf(request), t.id, to_group));
        DJ_ASSIGN_OR_RETURN(TransferRequest accepted, members.GetTransfer(t.id));
        return JsonOk(TransferJson(accepted, roster));
      },
      write);

  router.Add(
      Method::kPost, "/api/transfers/:id/return",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(TransferRequest t, TransferFor(request, members, End::kTo));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        std::string reason = in.Required<std::string>("reason");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(TransferRequest returned,
                            members.ReturnTransfer(WriteContextOf(request), t.id, reason));
        return JsonOk(TransferJson(returned, roster));
      },
      write);

  router.Add(
      Method::kPost, "/api/transfers/:id/cancel",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(TransferRequest t, TransferFor(request, members, End::kFrom));
        DJ_ASSIGN_OR_RETURN(TransferRequest cancelled,
                            members.CancelTransfer(WriteContextOf(request), t.id));
        return JsonOk(TransferJson(cancelled, roster));
      },
      write);
}

}  // namespace dj::http
