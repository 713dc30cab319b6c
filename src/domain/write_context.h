// Who is writing, passed to every repository write so the audit entry is recorded in the
// same transaction as the change.
#pragma once

#include <cstdint>
#include <string>

namespace dj {

struct WriteContext {
  int64_t user_id = 0;     // 0 for the system itself (migrations, demo, command line)
  std::string user_name;   // shown in the audit log
  std::string address;     // the client's IP address, empty for the command line
  std::string request_id;  // ties the audit entry to the access-log line
};

}  // namespace dj
