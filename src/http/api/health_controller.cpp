#include "http/api/health_controller.h"

#include <nlohmann/json.hpp>

#include "http/envelope.h"

namespace dj::http {

void AddHealthRoutes(Router& router, std::string version, const Roster& roster) {
  router.Add(
      Method::kGet, "/api/health",
      [version = std::move(version), &roster](Request&) -> Result<Response> {
        return JsonOk({{"status", "ok"}, {"version", version}, {"nodes", roster.NodeCount()}});
      },
      RouteAccess{"public"});
}

}  // namespace dj::http
