#include "http/api/member_controller.h"

#include <nlohmann/json.hpp>
#include <string>

#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/api/json_mapping.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {

using nlohmann::json;

MemberQuery ReadMemberFilters(QueryReader& in, const Request& request, const Roster& roster) {
  MemberQuery query;
  if (std::optional<int64_t> subtree = in.Int("subtree", 1, INT64_MAX)) {
    query.subtree = *subtree;
  } else if (std::optional<OrgNode> root = roster.Root()) {
    query.subtree = root->id;
    if (AccessOf(request) != nullptr) {
      query.within = ScopeRoots(request);
      if (query.within.size() == 1) query.subtree = query.within.front();
    }
  }
  query.name_contains = in.Text("name").value_or("");
  for (const std::string& id : in.List("status")) {
    if (std::optional<MemberStatus> status = ParseMemberStatus(id)) {
      query.statuses.push_back(*status);
    } else {
      in.AddError("status", id, "request.invalid_choice",
                  "参数 status 的取值 " + id +
                      " 无效，可选：probationary、full、transferred_out、deceased、lapsed");
    }
  }
  if (std::optional<std::string> category =
          in.Choice("category", {"in_service", "retired", "student", "other"})) {
    query.category = ParseMemberCategory(*category);
  }
  if (auto age = in.Int("age_min", 0, 150)) query.age_min = static_cast<int>(*age);
  if (auto age = in.Int("age_max", 0, 150)) query.age_max = static_cast<int>(*age);
  if (std::optional<std::string> gender = in.Choice("gender", {"male", "female"})) {
    query.gender = ParseGender(*gender);
  }
  for (const std::string& id : in.List("education")) {
    if (std::optional<Education> education = ParseEducation(id)) {
      query.educations.push_back(*education);
    } else {
      in.AddError("education", id, "request.invalid_choice",
                  "参数 education 的取值 " + id +
                      " 无效，可选：doctorate、master、bachelor、associate、"
                      "secondary_vocational、high_school、junior_or_below");
    }
  }
  if (auto band = in.Int("age_band", 0, kAgeBandCount - 1)) {
    query.age_band = static_cast<int>(*band);
  }
  if (auto band = in.Int("party_age_band", 0, kPartyAgeBandCount - 1)) {
    query.party_age_band = static_cast<int>(*band);
  }
  if (std::optional<std::string> sort =
          in.Choice("sort", {"name", "birth_date", "probationary_date", "full_date", "id"})) {
    if (*sort == "birth_date") query.sort = MemberSort::kBirthDate;
    if (*sort == "probationary_date") query.sort = MemberSort::kProbationaryDate;
    if (*sort == "full_date") query.sort = MemberSort::kFullDate;
    if (*sort == "id") query.sort = MemberSort::kId;
  }
  if (std::optional<std::string> order = in.Choice("order", {"asc", "desc"})) {
    query.descending = *order == "desc";
  }
  return query;
}

namespace {

// The search parameters of GET /api/members; every malformed parameter is reported.
Result<MemberQuery> ReadMemberQuery(const Request& request, const Roster& roster) {
  QueryReader in(request);
  MemberQuery query = ReadMemberFilters(in, request, roster);
  QueryReader::Page page = in.Paging(20, kMaxPageSize);
  query.limit = page.size;
  query.offset = page.offset();
  DJ_RETURN_IF_ERROR(in.Finish());
  return query;
}

MemberView ViewFor(const Request& request, const Member& member) {
  return MayUnmask(request, member.id, member.branch_id) ? MemberView::kUnmasked
                                                         : MemberView::kMasked;
}

}  // namespace

void AddMemberRoutes(Router& router, MemberService& members, const Roster& roster,
                     const Clock& clock) {
  const RouteAccess read{"member.read", AccessTarget::kPathMember};
  const RouteAccess write{"member.write", AccessTarget::kPathMember};

  router.Add(
      Method::kGet, "/api/members",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberQuery query, ReadMemberQuery(request, roster));
        DJ_ASSIGN_OR_RETURN(MemberSearchResult found, members.Search(query));
        Date today = clock.Today();
        json items = json::array();
        for (const Member& m : found.members) {
          items.push_back(MemberJson(m, roster, today, MemberView::kMasked));
        }
        return JsonOk({{"total", found.total},
                       {"page", query.offset / query.limit + 1},
                       {"page_size", query.limit},
                       {"items", std::move(items)}});
      },
      RouteAccess{"member.read", AccessTarget::kQuerySubtree});

  router.Add(
      Method::kPost, "/api/members",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        Member member = ReadMember(body, in, Member{}, /*partial=*/false);
        std::optional<Date> since = in.Optional<Date>("branch_since");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_RETURN_IF_ERROR(Authorize(request, member.branch_id));
        DJ_ASSIGN_OR_RETURN(Member created, members.Create(WriteContextOf(request), member, since));
        return JsonOk(MemberJson(created, roster, clock.Today(), MemberView::kUnmasked), 201);
      },
      RouteAccess{"member.write", AccessTarget::kBody});

  router.Add(
      Method::kPost, "/api/members/batch",
      [&members](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader outer(body);
        json rows = outer.Required<json>("members");
        DJ_RETURN_IF_ERROR(outer.Finish());
        if (!rows.is_array() || rows.empty()) {
          return Error::InvalidArgument("member.batch_empty", "members 应为非空数组");
        }
        if (rows.size() > kMaxMemberBatch) {
          return Error::InvalidArgument(
              "member.batch_too_large",
              "一次最多提交 " + std::to_string(kMaxMemberBatch) + " 名党员");
        }
        std::vector<NewMember> batch;
        std::vector<FieldError> errors;
        for (size_t i = 0; i < rows.size(); ++i) {
          JsonReader in(rows[i], static_cast<int>(i + 1));
          if (!rows[i].is_object()) {
            errors.push_back(FieldError{static_cast<int>(i + 1), "", FieldValueText(rows[i]),
                                        "request.body_not_object",
                                        "第 " + std::to_string(i + 1) + " 行应为对象"});
            continue;
          }
          NewMember row;
          row.member = ReadMember(rows[i], in, Member{}, /*partial=*/false);
          row.branch_since =
              in.Optional<Date>("branch_since").value_or(row.member.probationary_date);
          Status status = in.Finish();
          if (!status.ok()) {
            for (const FieldError& e : status.error().fields) errors.push_back(e);
          }
          batch.push_back(std::move(row));
        }
        if (!errors.empty()) return Error::Validation(std::move(errors));
        for (const NewMember& row : batch)
          DJ_RETURN_IF_ERROR(Authorize(request, row.member.branch_id));
        DJ_ASSIGN_OR_RETURN(std::vector<Member> created,
                            members.CreateMany(WriteContextOf(request), std::move(batch)));
        json ids = json::array();
        for (const Member& m : created) ids.push_back(m.id);
        return JsonOk({{"created", created.size()}, {"ids", std::move(ids)}}, 201);
      },
      RouteAccess{"member.write", AccessTarget::kBody});

  router.Add(
      Method::kGet, "/api/members/:id",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(Member member, members.Get(id));
        return JsonOk(MemberJson(member, roster, clock.Today(), ViewFor(request, member)));
      },
      read);

  router.Add(
      Method::kPut, "/api/members/:id",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        DJ_ASSIGN_OR_RETURN(Member before, members.Get(id));
        JsonReader in(body);
        Member after = ReadMember(body, in, before, /*partial=*/true);
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(Member updated, members.Update(WriteContextOf(request), id, after));
        return JsonOk(MemberJson(updated, roster, clock.Today(), MemberView::kUnmasked));
      },
      write);

  router.Add(
      Method::kDelete, "/api/members/:id",
      [&members](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_RETURN_IF_ERROR(members.Delete(WriteContextOf(request), id));
        return JsonOk(json{{"id", id}});
      },
      write);

  router.Add(
      Method::kGet, "/api/members/:id/history",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(std::vector<MembershipPeriod> periods, members.History(id));
        json out = json::array();
        for (const MembershipPeriod& p : periods) out.push_back(PeriodJson(p, roster));
        return JsonOk(out);
      },
      read);

  router.Add(
      Method::kPost, "/api/members/:id/transfer",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(MemberId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        int64_t to_branch = in.Required<int64_t>("to_branch_id");
        std::optional<int64_t> to_group = in.Optional<int64_t>("to_group_id");
        Date date = in.Required<Date>("date");
        DJ_RETURN_IF_ERROR(in.Finish());
        // Both ends: a transfer out of the caller's scope goes through someone who reaches
        // both branches.
        DJ_RETURN_IF_ERROR(Authorize(request, to_branch));
        DJ_ASSIGN_OR_RETURN(
            Member moved, members.Transfer(WriteContextOf(request), id, to_branch, to_group, date));
        return JsonOk(MemberJson(moved, roster, clock.Today(), MemberView::kUnmasked));
      },
      write);
}

}  // namespace dj::http
