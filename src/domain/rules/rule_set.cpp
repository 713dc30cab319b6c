#include "domain/rules/rule_set.h"

#include <array>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace dj {

std::string_view BuiltinRulesJson();  // generated from rules/rules.json

namespace {

using nlohmann::json;

constexpr std::array<std::pair<RuleKind, const char*>, 12> kKinds = {{
    {RuleKind::kStructure, "structure"},
    {RuleKind::kBody, "body"},
    {RuleKind::kFrequency, "frequency"},
    {RuleKind::kCoverage, "coverage"},
    {RuleKind::kTerm, "term"},
    {RuleKind::kAbsence, "absence"},
    {RuleKind::kMedal, "medal"},
    {RuleKind::kBirthday, "birthday"},
    {RuleKind::kProbation, "probation"},
    {RuleKind::kEligibility, "eligibility"},
    {RuleKind::kTransfer, "transfer"},
    {RuleKind::kDocumented, "documented"},
}};

Error Invalid(const std::string& where, const std::string& why) {
  return Error::InvalidArgument("rules.invalid", "规则文件" + where + "：" + why);
}

// Whether `source` cites an article: "第" followed by "条" within a few characters.
bool CitesArticle(const std::string& source) {
  size_t at = source.find("第");
  while (at != std::string::npos) {
    size_t tiao = source.find("条", at);
    if (tiao != std::string::npos && tiao - at <= 3 * 6) return true;
    at = source.find("第", at + 1);
  }
  return false;
}

Result<Rule> ReadRule(const json& entry, size_t index) {
  std::string where = "第 " + std::to_string(index + 1) + " 条规则";
  if (!entry.is_object()) return Invalid(where, "应为对象");
  auto text = [&](const char* field, std::string* out) -> Status {
    auto it = entry.find(field);
    if (it == entry.end() || !it->is_string() || it->get<std::string>().empty()) {
      return Invalid(where, "缺少 " + std::string(field));
    }
    *out = it->get<std::string>();
    return Ok();
  };
  Rule rule;
  DJ_RETURN_IF_ERROR(text("id", &rule.id));
  where += "（" + rule.id + "）";
  DJ_RETURN_IF_ERROR(text("title", &rule.title));
  DJ_RETURN_IF_ERROR(text("statement", &rule.statement));
  DJ_RETURN_IF_ERROR(text("source", &rule.source));
  std::string status;
  DJ_RETURN_IF_ERROR(text("status", &status));
  if (status == "V") {
    rule.status = RuleStatus::kVerified;
  } else if (status == "P") {
    rule.status = RuleStatus::kProbable;
  } else if (status == "U") {
    rule.status = RuleStatus::kUnverified;
  } else {
    return Invalid(where, "status 应为 V、P 或 U，而不是 " + status);
  }
  if (rule.status == RuleStatus::kUnverified && CitesArticle(rule.source)) {
    return Invalid(where, "待核实（U）的规则不得引用条款号：" + rule.source);
  }
  std::string kind;
  DJ_RETURN_IF_ERROR(text("kind", &kind));
  std::optional<RuleKind> parsed = ParseRuleKind(kind);
  if (!parsed) return Invalid(where, "未知的 kind " + kind);
  rule.kind = *parsed;
  std::string from;
  DJ_RETURN_IF_ERROR(text("effective_from", &from));
  std::optional<Date> from_date = Date::Parse(from);
  if (!from_date) return Invalid(where, "effective_from 不是有效日期：" + from);
  rule.effective_from = *from_date;
  if (auto it = entry.find("effective_to"); it != entry.end() && !it->is_null()) {
    std::optional<Date> to = it->is_string() ? Date::Parse(it->get<std::string>()) : std::nullopt;
    if (!to) return Invalid(where, "effective_to 不是有效日期");
    if (*to < rule.effective_from) return Invalid(where, "effective_to 早于 effective_from");
    rule.effective_to = *to;
  }
  if (auto it = entry.find("params"); it != entry.end()) {
    if (!it->is_object()) return Invalid(where, "params 应为对象");
    for (const auto& [name, value] : it->items()) {
      RuleParam p;
      if (value.is_number()) {
        p.number = value.get<double>();
      } else if (value.is_string()) {
        p.text = value.get<std::string>();
      } else if (value.is_array()) {
        for (const json& v : value) {
          if (!v.is_number()) return Invalid(where, "参数 " + name + " 应为数字列表");
          p.numbers.push_back(v.get<double>());
        }
      } else {
        return Invalid(where, "参数 " + name + " 的类型无效");
      }
      rule.params.emplace(name, std::move(p));
    }
  }
  return rule;
}

}  // namespace

const char* RuleStatusId(RuleStatus status) {
  switch (status) {
    case RuleStatus::kVerified:
      return "V";
    case RuleStatus::kProbable:
      return "P";
    case RuleStatus::kUnverified:
      return "U";
  }
  return "U";
}

const char* RuleKindId(RuleKind kind) { return kKinds[static_cast<size_t>(kind)].second; }

std::optional<RuleKind> ParseRuleKind(std::string_view id) {
  for (const auto& [kind, name] : kKinds) {
    if (id == name) return kind;
  }
  return std::nullopt;
}

double Rule::Number(std::string_view name, double fallback) const {
  auto it = params.find(name);
  return it != params.end() && it->second.number ? *it->second.number : fallback;
}

std::string Rule::Text(std::string_view name) const {
  auto it = params.find(name);
  return it != params.end() && it->second.text ? *it->second.text : std::string();
}

std::vector<double> Rule::Numbers(std::string_view name) const {
  auto it = params.find(name);
  return it != params.end() ? it->second.numbers : std::vector<double>{};
}

Result<RuleBook> RuleBook::Parse(std::string_view json_text) {
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Invalid("", "不是有效的 JSON 对象");
  RuleBook book;
  if (auto it = doc.find("version"); it != doc.end() && it->is_string()) {
    book.version_ = it->get<std::string>();
  } else {
    return Invalid("", "缺少 version");
  }
  auto rules = doc.find("rules");
  if (rules == doc.end() || !rules->is_array()) return Invalid("", "缺少 rules 列表");
  for (size_t i = 0; i < rules->size(); ++i) {
    DJ_ASSIGN_OR_RETURN(Rule rule, ReadRule((*rules)[i], i));
    for (const Rule& other : book.rules_) {
      if (other.id != rule.id) continue;
      // Two versions overlap when each starts before the other ends.
      bool overlap = (!other.effective_to || rule.effective_from <= *other.effective_to) &&
                     (!rule.effective_to || other.effective_from <= *rule.effective_to);
      if (overlap) {
        return Invalid("第 " + std::to_string(i + 1) + " 条规则（" + rule.id + "）",
                       "与同编号的另一版本生效期间重叠");
      }
    }
    book.rules_.push_back(std::move(rule));
  }
  return book;
}

const RuleBook& RuleBook::Builtin() {
  static const RuleBook book = [] {
    Result<RuleBook> parsed = Parse(BuiltinRulesJson());
    if (!parsed.ok()) std::abort();  // rule_set_test checks the shipped file
    return std::move(parsed).value();
  }();
  return book;
}

std::vector<const Rule*> RuleBook::InForce(Date day) const {
  std::vector<const Rule*> out;
  for (const Rule& r : rules_) {
    if (r.InForceOn(day)) out.push_back(&r);
  }
  return out;
}

const Rule* RuleBook::Find(std::string_view id, Date day) const {
  for (const Rule& r : rules_) {
    if (r.id == id && r.InForceOn(day)) return &r;
  }
  return nullptr;
}

std::string RuleCitation(const Rule& rule) {
  std::string out = rule.id + " " + rule.source;
  if (rule.status == RuleStatus::kUnverified) out += "（待核实）";
  return out;
}

}  // namespace dj
