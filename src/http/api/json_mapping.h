// The API's JSON shapes for the organisation and member modules, in one place so that the web
// app, docs/api.md and the controllers agree. Enumerations travel as their glossary ids
// ("full", "branch") with the Chinese label beside them ("kind_label": "党支部") for display;
// dates as "YYYY-MM-DD"; absent optional values as null.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "common/date.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"
#include "domain/roster/roster.h"
#include "http/json_body.h"

namespace dj::http {

// {id, kind, kind_label, name, code, parent_id, sort_order, term_start, term_end,
//  secretary_id, committee_size}
nlohmann::json OrgNodeJson(const OrgNode& node);

// OrgNodeJson plus "has_children" and "members" (active members placed directly in the node),
// for lazily loaded tree pickers.
nlohmann::json OrgNodeSummaryJson(const OrgNode& node, const Roster& roster);

// How much of a member's file a response shows: the ID number and phone are masked except in
// kUnmasked, which the controllers use only for callers who may see them (MayUnmask).
enum class MemberView { kMasked, kUnmasked };

// The member's fields with ids and labels of every enumeration, "branch_name", "age" and
// "party_age" (full years as of `today`; party_age null for probationary members, DZ-22-2).
nlohmann::json MemberJson(const Member& member, const Roster& roster, Date today, MemberView view);

// {branch_id, branch_name, group_id, group_name, from, to}
nlohmann::json PeriodJson(const MembershipPeriod& period, const Roster& roster);

// Every breakdown as a list of {key, label, count} in the order of the statistical tables.
nlohmann::json StatsJson(const SubtreeStats& stats);

// The node fields of a create (`partial` false: required fields must be present) or update
// (`partial` true: absent fields keep the values of `base`, null clears an optional field)
// body. Problems are recorded in `in`; `body` is the object `in` reads.
OrgNode ReadOrgNode(const nlohmann::json& body, JsonReader& in, const OrgNode& base, bool partial);

// The member fields of a create or update body, as ReadOrgNode. Text fields are taken as sent;
// the member service normalises them (full-width digits, stray spaces).
Member ReadMember(const nlohmann::json& body, JsonReader& in, const Member& base, bool partial);

}  // namespace dj::http
