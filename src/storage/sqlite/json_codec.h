// The JSON form of domain objects in the audit log (and anywhere storage writes them out).
//
// Field names are those of the C++ structs; enumerations are their ids ("branch", "full");
// dates are "YYYY-MM-DD"; an absent optional is null. The output is compact, with fields in
// declaration order, so equal objects give equal text.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"

namespace dj {

std::string OrgNodeToJson(const OrgNode& node);
std::string MemberToJson(const Member& member);

// InvalidArgument "storage.json_invalid" when `json` is not an object of that shape.
Result<OrgNode> OrgNodeFromJson(std::string_view json);
Result<Member> MemberFromJson(std::string_view json);

}  // namespace dj
