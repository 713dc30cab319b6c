#include "http/api/audit_controller.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"

namespace dj::http {
namespace {

using nlohmann::json;

constexpr int64_t kMaxAuditPageSize = 200;

// Stored JSON text back as JSON; text that does not parse (it never should) as it is.
json StoredJson(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json parsed = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json(*text) : parsed;
}

json RecordJson(const AuditRecord& r) {
  return {{"id", r.id},
          {"at", r.at_text},
          {"at_unix", r.at_unix},
          {"user_id", r.user_id},
          {"user_name", r.user_name},
          {"address", r.address},
          {"request_id", r.request_id},
          {"entity", r.entity},
          {"entity_id", r.entity_id},
          {"action", r.action},
          {"before", StoredJson(r.before_json)},
          {"after", StoredJson(r.after_json)},
          {"hash", r.hash}};
}

}  // namespace

void AddAuditRoutes(Router& router, AuditRepository& audit, const Roster& roster) {
  router.Add(
      Method::kGet, "/api/audit",
      [&audit, &roster](Request& request) -> Result<Response> {
        QueryReader in(request);
        AuditQuery query;
        query.entity =
            in.Choice("entity", {"org_node", "member", "member_transfer", "user", "role_grant",
                                 "login_lock", "roster", "meeting", "meeting_attachment",
                                 "question", "contest", "contest_attempt"});
        if (auto id = in.Int("entity_id", 1, INT64_MAX)) query.entity_id = *id;
        if (auto id = in.Int("user_id", 0, INT64_MAX)) query.user_id = *id;
        std::optional<Date> from = in.DateParam("from");
        std::optional<Date> to = in.DateParam("to");
        std::optional<int64_t> subtree = in.Int("subtree", 1, INT64_MAX);
        std::optional<std::string> order = in.Choice("order", {"asc", "desc"});
        QueryReader::Page page = in.Paging(50, kMaxAuditPageSize);
        if (from && to && *to < *from) {
          in.AddError("to", to->ToString(), "request.range_reversed", "结束日期不能早于开始日期");
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        // Dates are Shanghai calendar days: from its first second to the end of `to`.
        if (from) query.from_unix = ShanghaiMidnightUnix(*from);
        if (to) query.to_unix = ShanghaiMidnightUnix(to->AddDays(1));
        query.newest_first = !order || *order == "desc";
        query.limit = page.size;
        query.offset = page.offset();

        const Access& access = *AccessOf(request);
        if (subtree) {
          // The guard checked that the subtree lies in the caller's scope.
          query.nodes = roster.NodesUnder({*subtree});
        } else if (!access.scope.ReachesEverything(access.roles)) {
          query.nodes = roster.NodesUnder(access.scope.Roots(access.roles));
        }
        DJ_ASSIGN_OR_RETURN(AuditPage found, audit.List(query));
        json items = json::array();
        for (const AuditRecord& r : found.entries) items.push_back(RecordJson(r));
        return JsonOk({{"total", found.total},
                       {"page", page.page},
                       {"page_size", page.size},
                       {"items", std::move(items)}});
      },
      RouteAccess{"audit.read", AccessTarget::kQuerySubtree});
}

}  // namespace dj::http
