#include "domain/contest/contest_service.h"

#include <utility>

#include "common/text.h"

namespace dj {
namespace {

Error NotFound(ContestId id) {
  return Error::NotFound("contest.not_found", "竞答 " + std::to_string(id) + " 不存在");
}

std::vector<const Question*> Pointers(const std::vector<Question>& bank) {
  std::vector<const Question*> out;
  out.reserve(bank.size());
  for (const Question& q : bank) out.push_back(&q);
  return out;
}

}  // namespace

Status ContestService::Load() {
  DJ_ASSIGN_OR_RETURN(std::vector<Contest> stored, repository_.LoadContests());
  std::map<ContestId, std::shared_ptr<const std::vector<Question>>> pools;
  for (const Contest& c : stored) {
    if (c.status == ContestStatus::kDraft) continue;
    DJ_ASSIGN_OR_RETURN(std::vector<Question> pool, repository_.LoadPool(c.id));
    pools[c.id] = std::make_shared<const std::vector<Question>>(std::move(pool));
  }
  std::unique_lock lock(mu_);
  contests_.clear();
  for (Contest& c : stored) contests_[c.id] = std::move(c);
  pools_ = std::move(pools);
  return Ok();
}

std::shared_ptr<const std::vector<Question>> ContestService::Pool(ContestId id) const {
  std::shared_lock lock(mu_);
  auto it = pools_.find(id);
  return it == pools_.end() ? nullptr : it->second;
}

std::vector<Contest> ContestService::List() const {
  std::shared_lock lock(mu_);
  std::vector<Contest> out;
  out.reserve(contests_.size());
  for (auto it = contests_.rbegin(); it != contests_.rend(); ++it) out.push_back(it->second);
  return out;
}

Result<Contest> ContestService::Get(ContestId id) const {
  std::shared_lock lock(mu_);
  auto it = contests_.find(id);
  if (it == contests_.end()) return NotFound(id);
  return it->second;
}

std::vector<FieldError> ContestService::Check(const ContestSettings& s) const {
  std::shared_ptr<const std::vector<Question>> bank = bank_.Snapshot();
  std::vector<FieldError> errors = CheckSettings(s, Pointers(*bank));
  if (s.scope > 0 && !roster_.GetNode(s.scope)) {
    errors.push_back(
        {0, "scope", std::to_string(s.scope), "scope_not_found", "参赛范围的组织不存在"});
  }
  return errors;
}

Result<Contest> ContestService::Write(const WriteContext& ctx, const Contest& before,
                                      const Contest& after, std::string_view action) {
  DJ_RETURN_IF_ERROR(repository_.UpdateContest(ctx, before, after, action));
  std::unique_lock lock(mu_);
  contests_[after.id] = after;
  return after;
}

Result<Contest> ContestService::Create(const WriteContext& ctx, ContestSettings settings) {
  std::lock_guard write(write_mu_);
  settings.title = NormalizeInput(settings.title);
  std::vector<FieldError> errors = Check(settings);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  Contest draft{0, ContestStatus::kDraft, std::move(settings)};
  DJ_ASSIGN_OR_RETURN(Contest stored, repository_.InsertContest(ctx, draft));
  std::unique_lock lock(mu_);
  contests_[stored.id] = stored;
  return stored;
}

Result<Contest> ContestService::Update(const WriteContext& ctx, ContestId id,
                                       ContestSettings settings) {
  std::lock_guard write(write_mu_);
  DJ_ASSIGN_OR_RETURN(Contest before, Get(id));
  if (before.status != ContestStatus::kDraft) {
    return Error::Conflict("contest.not_draft", "竞答已发布，不能再修改设置");
  }
  settings.title = NormalizeInput(settings.title);
  std::vector<FieldError> errors = Check(settings);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  Contest after = before;
  after.settings = std::move(settings);
  if (after == before) return after;
  return Write(ctx, before, after, "update");
}

Result<Contest> ContestService::Publish(const WriteContext& ctx, ContestId id) {
  std::lock_guard write(write_mu_);
  DJ_ASSIGN_OR_RETURN(Contest before, Get(id));
  if (before.status != ContestStatus::kDraft) {
    return Error::Conflict("contest.not_draft", "竞答已发布或已关闭");
  }
  // The bank may have changed since the draft was saved.
  std::vector<FieldError> errors = Check(before.settings);
  if (before.settings.ends_at <= clock_.NowUnixSeconds()) {
    errors.push_back({0, "ends_at", std::to_string(before.settings.ends_at), "window_passed",
                      "结束时间已过，请修改后再发布"});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  Contest after = before;
  after.status = ContestStatus::kPublished;
  std::shared_ptr<const std::vector<Question>> bank = bank_.Snapshot();
  auto pool = std::make_shared<std::vector<Question>>();
  for (const Question* q : PoolOf(after.settings, Pointers(*bank))) pool->push_back(*q);
  DJ_RETURN_IF_ERROR(repository_.PublishContest(ctx, before, after, *pool));
  std::unique_lock lock(mu_);
  contests_[after.id] = after;
  pools_[after.id] = std::move(pool);
  return after;
}

Result<Contest> ContestService::Close(const WriteContext& ctx, ContestId id) {
  std::lock_guard write(write_mu_);
  DJ_ASSIGN_OR_RETURN(Contest before, Get(id));
  if (before.status != ContestStatus::kPublished) {
    return Error::Conflict("contest.not_published", "只能关闭已发布的竞答");
  }
  Contest after = before;
  after.status = ContestStatus::kClosed;
  return Write(ctx, before, after, "close");
}

}  // namespace dj
