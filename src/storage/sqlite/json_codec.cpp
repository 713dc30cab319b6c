#include "storage/sqlite/json_codec.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/json_text.h"
#include "storage/sqlite/date_text.h"

namespace dj {
namespace {

// Writes one flat JSON object. Hand-written rather than through nlohmann::json because bulk
// writes serialise every row for the audit log; the reader below uses nlohmann.
class ObjectWriter {
 public:
  ObjectWriter() { out_.reserve(512); }

  void Field(std::string_view key, int64_t value) {
    Key(key);
    out_ += std::to_string(value);
  }
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, Date value) {
    Key(key);
    char buffer[16];
    out_ += '"';
    out_ += FormatDate(value, buffer);
    out_ += '"';
  }
  template <typename T>
  void Field(std::string_view key, const std::optional<T>& value) {
    if (value) {
      Field(key, *value);
    } else {
      Key(key);
      out_ += "null";
    }
  }

  std::string Finish() && {
    out_ += '}';
    return std::move(out_);
  }

 private:
  void Key(std::string_view key) {
    out_ += out_.empty() ? '{' : ',';
    out_ += '"';
    out_ += key;  // keys are identifiers and need no escaping
    out_ += "\":";
  }

  // Escapes quotes, backslashes and control characters (common/json_text.h).
  void String(std::string_view s) { AppendJsonString(out_, s); }

  std::string out_;
};

using nlohmann::json;

Error Invalid(std::string_view what) {
  return Error::InvalidArgument("storage.json_invalid", "JSON 数据无效：" + std::string(what));
}

// Reads fields into a struct; the first missing or malformed field is kept in error() and
// later reads do nothing.
class ObjectReader {
 public:
  explicit ObjectReader(const json& object) : object_(object) {}

  template <typename T>
  void ReadInt(const char* key, T* out) {
    const json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_number_integer()) return Fail(key);
    *out = v->get<T>();
  }
  template <typename T>
  void ReadOptionalInt(const char* key, std::optional<T>* out) {
    const json* v = Find(key);
    if (v == nullptr) return;
    if (v->is_null()) {
      *out = std::nullopt;
      return;
    }
    if (!v->is_number_integer()) return Fail(key);
    *out = v->get<T>();
  }
  void ReadString(const char* key, std::string* out) {
    const json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key);
    *out = v->get<std::string>();
  }
  void ReadDate(const char* key, Date* out) {
    std::string text;
    ReadString(key, &text);
    if (!error_.empty()) return;
    std::optional<Date> date = Date::Parse(text);
    if (!date) return Fail(key);
    *out = *date;
  }
  void ReadOptionalDate(const char* key, std::optional<Date>* out) {
    const json* v = Find(key);
    if (v == nullptr) return;
    if (v->is_null()) {
      *out = std::nullopt;
      return;
    }
    Date date;
    ReadDate(key, &date);
    *out = date;
  }
  template <typename E, typename ParseFn>
  void ReadEnum(const char* key, E* out, ParseFn parse) {
    std::string text;
    ReadString(key, &text);
    if (!error_.empty()) return;
    std::optional<E> value = parse(text);
    if (!value) return Fail(key);
    *out = *value;
  }

  // Empty when every field read so far was present and well-formed.
  const std::string& error() const { return error_; }

 private:
  const json* Find(const char* key) {
    if (!error_.empty()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      error_ = std::string("缺少字段 ") + key;
      return nullptr;
    }
    return &*it;
  }
  void Fail(const char* key) {
    if (error_.empty()) error_ = std::string("字段 ") + key + " 的值无效";
  }

  const json& object_;
  std::string error_;
};

Result<json> ParseObject(std::string_view text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Invalid("不是合法的 JSON");
  if (!parsed.is_object()) return Invalid("不是对象");
  return parsed;
}

}  // namespace

std::string OrgNodeToJson(const OrgNode& node) {
  ObjectWriter w;
  w.Field("id", node.id);
  w.Field("kind", NodeKindId(node.kind));
  w.Field("name", node.name);
  w.Field("code", node.code);
  w.Field("parent_id", node.parent_id);
  w.Field("sort_order", node.sort_order);
  w.Field("term_start", node.term_start);
  w.Field("term_end", node.term_end);
  w.Field("secretary_id", node.secretary_id);
  w.Field("committee_size", node.committee_size);
  return std::move(w).Finish();
}

std::string MemberToJson(const Member& m) {
  ObjectWriter w;
  w.Field("id", m.id);
  w.Field("name", m.name);
  w.Field("gender", GenderId(m.gender));
  w.Field("ethnicity", m.ethnicity);
  w.Field("birth_date", m.birth_date);
  w.Field("id_number", m.id_number);
  w.Field("education", EducationId(m.education));
  w.Field("phone", m.phone);
  w.Field("probationary_date", m.probationary_date);
  w.Field("full_date", m.full_date);
  w.Field("status", MemberStatusId(m.status));
  w.Field("left_date", m.left_date);
  w.Field("category", MemberCategoryId(m.category));
  w.Field("branch_id", m.branch_id);
  w.Field("group_id", m.group_id);
  w.Field("post", m.post);
  return std::move(w).Finish();
}

Result<OrgNode> OrgNodeFromJson(std::string_view text) {
  DJ_ASSIGN_OR_RETURN(json object, ParseObject(text));
  ObjectReader r(object);
  OrgNode node;
  r.ReadInt("id", &node.id);
  r.ReadEnum("kind", &node.kind, ParseNodeKind);
  r.ReadString("name", &node.name);
  r.ReadString("code", &node.code);
  r.ReadOptionalInt("parent_id", &node.parent_id);
  r.ReadInt("sort_order", &node.sort_order);
  r.ReadOptionalDate("term_start", &node.term_start);
  r.ReadOptionalDate("term_end", &node.term_end);
  r.ReadOptionalInt("secretary_id", &node.secretary_id);
  r.ReadInt("committee_size", &node.committee_size);
  if (!r.error().empty()) return Invalid(r.error());
  return node;
}

Result<Member> MemberFromJson(std::string_view text) {
  DJ_ASSIGN_OR_RETURN(json object, ParseObject(text));
  ObjectReader r(object);
  Member m;
  r.ReadInt("id", &m.id);
  r.ReadString("name", &m.name);
  r.ReadEnum("gender", &m.gender, ParseGender);
  r.ReadString("ethnicity", &m.ethnicity);
  r.ReadDate("birth_date", &m.birth_date);
  r.ReadString("id_number", &m.id_number);
  r.ReadEnum("education", &m.education, ParseEducation);
  r.ReadString("phone", &m.phone);
  r.ReadDate("probationary_date", &m.probationary_date);
  r.ReadOptionalDate("full_date", &m.full_date);
  r.ReadEnum("status", &m.status, ParseMemberStatus);
  r.ReadOptionalDate("left_date", &m.left_date);
  r.ReadEnum("category", &m.category, ParseMemberCategory);
  r.ReadInt("branch_id", &m.branch_id);
  r.ReadOptionalInt("group_id", &m.group_id);
  r.ReadString("post", &m.post);
  if (!r.error().empty()) return Invalid(r.error());
  return m;
}

}  // namespace dj
