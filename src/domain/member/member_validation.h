// Checks of a member's own fields, independent of storage. Field names in the errors are the
// API's JSON field names.
#pragma once

#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member.h"

namespace dj {

// Normalises what people type (full-width digits, stray spaces, lower-case x in ID numbers)
// in the member's text fields.
void NormalizeMember(Member& m);

// Every problem with the fields of `m` on `today`, each tagged with `row`:
// required fields, lengths, known ethnicity, the ID number's check digit and its agreement
// with birth date and gender, dates not in the future, age ≥ 18 at admission (FZ-14-1),
// full membership at least one year after admission (DZ-22-2), status and dates consistent.
std::vector<FieldError> ValidateMemberFields(const Member& m, Date today, int row = 0);

// The date a new member joins their branch must lie within [probationary_date, today]. A date
// equal to probationary_date is left to ValidateMemberFields, so one mistake is reported once.
std::vector<FieldError> ValidateBranchSince(const Member& m, Date branch_since, Date today,
                                            int row = 0);

}  // namespace dj
