// The regulation rules as data (rules/rules.json, one entry per rule of RULES.md).
//
// Each rule has an id ("ZB-18-6"), a title and a statement in Chinese, the source it cites,
// how sure we are of its wording (V / P / U), the kind of check the engine makes with it, its
// parameters and the days it is in force. A revised regulation is a new entry with the same
// id and a later effective_from; the older entry gets an effective_to. Checks for a past
// period use the entries in force then.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace dj {

enum class RuleStatus {
  kVerified,    // V: wording confirmed in a full text
  kProbable,    // P: one secondary copy
  kUnverified,  // U: 待核实, shipped as a configurable default; never cites an article
};
const char* RuleStatusId(RuleStatus status);  // "V", "P", "U"

// How the engine uses a rule. Rules the engine does not check yet are "documented": listed,
// cited, not evaluated.
enum class RuleKind {
  kStructure,    // branch size and committee (ZB-18-1/3/4, JG-19-3)
  kBody,         // a unit's organ committee or general branch (JG-19-1/2)
  kFrequency,    // meetings of a type per month / quarter / year (ZB-18-5..11)
  kCoverage,     // share of members reached in a year (ZB-18-12)
  kTerm,         // committee terms (ZB-18-13, JG-18-R, JG-19-4)
  kAbsence,      // months without organisational life (DZ-22-3)
  kMedal,        // the fifty-year medal list (GR-21-1)
  kBirthday,     // political birthdays (ZS-1)
  kProbation,    // probation ends (DZ-22-2, FZ-14-12)
  kEligibility,  // who may vote (XJ-20-3)
  kTransfer,     // transfers in progress (ZZ-19-2)
  kDocumented,
};
const char* RuleKindId(RuleKind kind);  // "structure", ..., "documented"
std::optional<RuleKind> ParseRuleKind(std::string_view id);

// A parameter: a number, a text, or a list of numbers, as written in the file.
struct RuleParam {
  std::optional<double> number;
  std::optional<std::string> text;
  std::vector<double> numbers;

  bool operator==(const RuleParam&) const = default;
};

struct Rule {
  std::string id;
  std::string title;
  std::string statement;
  std::string source;  // "《中国共产党支部工作条例（试行）》第十二条"
  RuleStatus status = RuleStatus::kVerified;
  RuleKind kind = RuleKind::kDocumented;
  std::map<std::string, RuleParam, std::less<>> params;
  Date effective_from;
  std::optional<Date> effective_to;  // last day in force, inclusive

  bool InForceOn(Date day) const {
    return effective_from <= day && (!effective_to || day <= *effective_to);
  }
  // The number parameter `name`, or `fallback` when absent.
  double Number(std::string_view name, double fallback = 0) const;
  // The text parameter `name`, or "" when absent.
  std::string Text(std::string_view name) const;
  std::vector<double> Numbers(std::string_view name) const;

  bool operator==(const Rule&) const = default;
};

// The whole rule file: every version of every rule. Immutable once loaded; thread-safe.
class RuleBook {
 public:
  RuleBook() = default;

  // Parses the JSON rule file. InvalidArgument "rules.invalid" naming the entry and field
  // for anything malformed: a missing or empty id, title, statement or source; an unknown
  // status or kind; a bad date; effective_to before effective_from; two entries of one id in
  // force on the same day; a rule of status U whose source cites an article (第…条).
  static Result<RuleBook> Parse(std::string_view json_text);
  // The rule file compiled into the program (rules/rules.json at build time).
  static const RuleBook& Builtin();

  const std::string& version() const { return version_; }
  // Every entry, in file order.
  const std::vector<Rule>& all() const { return rules_; }
  // The entries in force on `day`, in file order.
  std::vector<const Rule*> InForce(Date day) const;
  // The entry of `id` in force on `day`, or null.
  const Rule* Find(std::string_view id, Date day) const;

 private:
  std::string version_;
  std::vector<Rule> rules_;
};

// "ZB-18-6 《中国共产党支部工作条例（试行）》第十二条"; a U rule adds "（待核实）".
std::string RuleCitation(const Rule& rule);

}  // namespace dj
