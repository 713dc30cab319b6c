// Errors as values at module borders.
//
// Every fallible function that crosses a module border returns Result<T>. An Error carries
// a category (ErrorCode, which the HTTP layer maps to a status), a stable machine-readable
// key such as "member.id_number_invalid" for programs, a Chinese message for people, and,
// for validation of many rows or fields, one FieldError per problem found.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dj {

enum class ErrorCode {
  kInvalidArgument,  // the request is wrong; fixing it is the caller's job
  kNotFound,
  kConflict,  // the request is well-formed but clashes with the stored state
  kUnauthenticated,
  kForbidden,
  kTooLarge,
  kUnavailable,  // a resource (port, database file) cannot be used right now
  kInternal,     // a bug or an environment failure; the message is for the log
};

// Returns the identifier of `code`, e.g. "invalid_argument".
const char* ErrorCodeName(ErrorCode code);

// One problem with one field of one input row. `row` is 1-based as people count rows in a
// file (0 when the input is a single object); `field` is the input's field name.
struct FieldError {
  int row = 0;
  std::string field;
  std::string value;
  std::string key;      // stable, e.g. "id_number_checksum"
  std::string message;  // Chinese, for people

  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;      // stable, e.g. "org.code_duplicate"
  std::string message;  // Chinese, for people
  std::vector<FieldError> fields;

  static Error InvalidArgument(std::string key, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(key), std::move(message), {}};
  }
  static Error NotFound(std::string key, std::string message) {
    return {ErrorCode::kNotFound, std::move(key), std::move(message), {}};
  }
  static Error Conflict(std::string key, std::string message) {
    return {ErrorCode::kConflict, std::move(key), std::move(message), {}};
  }
  static Error Unauthenticated(std::string key, std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(key), std::move(message), {}};
  }
  static Error Forbidden(std::string key, std::string message) {
    return {ErrorCode::kForbidden, std::move(key), std::move(message), {}};
  }
  static Error Unavailable(std::string key, std::string message) {
    return {ErrorCode::kUnavailable, std::move(key), std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, "internal", std::move(message), {}};
  }
  // A validation failure listing every field problem; `fields` must not be empty.
  static Error Validation(std::vector<FieldError> fields) {
    assert(!fields.empty());
    std::string message = fields.size() == 1 ? fields.front().message
                                             : "输入有 " + std::to_string(fields.size()) +
                                                   " 处错误，首个：" + fields.front().message;
    return {ErrorCode::kInvalidArgument, "validation_failed", std::move(message),
            std::move(fields)};
  }
};

// Holds either a T or an Error. Result<void> holds nothing or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace dj

// Evaluates `expr` (a Result); on error returns the error from the enclosing function.
#define DJ_RETURN_IF_ERROR(expr)                                \
  do {                                                          \
    auto dj_status_ = (expr);                                   \
    if (!dj_status_.ok()) return std::move(dj_status_).error(); \
  } while (0)

#define DJ_CONCAT_INNER_(a, b) a##b
#define DJ_CONCAT_(a, b) DJ_CONCAT_INNER_(a, b)
// `DJ_ASSIGN_OR_RETURN(auto x, Foo());` declares x from Foo()'s value or returns its error.
#define DJ_ASSIGN_OR_RETURN(decl, expr) \
  DJ_ASSIGN_OR_RETURN_IMPL_(DJ_CONCAT_(dj_result_, __LINE__), decl, expr)
#define DJ_ASSIGN_OR_RETURN_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return std::move(tmp).error();    \
  decl = std::move(tmp).value()
