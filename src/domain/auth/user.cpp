#include "domain/auth/user.h"

#include <algorithm>

#include "common/text.h"

namespace dj {
namespace {

struct RoleInfo {
  Role role;
  const char* id;
  const char* label;
};

constexpr RoleInfo kRoles[kRoleCount] = {
    {Role::kCommitteeAdmin, "committee_admin", "工委管理员"},
    {Role::kUnitAdmin, "unit_admin", "单位管理员"},
    {Role::kBranchSecretary, "branch_secretary", "支部书记"},
    {Role::kMember, "member", "党员"},
    {Role::kReviewer, "reviewer", "评审专家"},
    {Role::kAuditor, "auditor", "审计员"},
};

constexpr size_t kMinUsernameLength = 2;
constexpr size_t kMaxUsernameLength = 32;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsUsernameChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '_' || c == '-';
}

}  // namespace

const char* RoleId(Role role) { return kRoles[static_cast<int>(role)].id; }

const char* RoleLabel(Role role) { return kRoles[static_cast<int>(role)].label; }

std::optional<Role> ParseRole(std::string_view id) {
  for (const auto& r : kRoles) {
    if (id == r.id) return r.role;
  }
  return std::nullopt;
}

const char* UserChangeAction(UserChange change) {
  switch (change) {
    case UserChange::kProfile:
      return "update";
    case UserChange::kPasswordChange:
      return "password_change";
    case UserChange::kPasswordReset:
      return "password_reset";
    case UserChange::kPasswordRehash:
      return "password_rehash";
  }
  return "update";
}

std::string ValidateUsername(std::string_view username) {
  if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength ||
      !std::all_of(username.begin(), username.end(), IsUsernameChar)) {
    return "用户名须为2至32位小写字母、数字或“.”“_”“-”";
  }
  if (std::all_of(username.begin(), username.end(), IsDigit)) {
    return "用户名不能全是数字";
  }
  return "";
}

std::string CanonicalLoginName(std::string_view typed) {
  std::string out = NormalizeInput(typed);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsMobileNumber(std::string_view text) {
  return text.size() == 11 && text[0] == '1' && std::all_of(text.begin(), text.end(), IsDigit);
}

}  // namespace dj
