#include "domain/testing/fake_auth_store.h"

#include <algorithm>

namespace dj::testing {
namespace {

Error UserNotFound() { return Error::NotFound("auth.user_not_found", "账号不存在"); }

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

Status FakeAuthStore::BeginRecordWrite() {
  if (fail_next_write_) {
    fail_next_write_ = false;
    return Error::Internal("injected failure");
  }
  ++record_writes_;
  return Ok();
}

Status FakeAuthStore::CheckUnique(const User& user) {
  for (const auto& [id, u] : users_) {
    if (id == user.id) continue;
    if (u.username == user.username) {
      return Error::Conflict("auth.username_taken", "用户名 " + user.username + " 已被使用");
    }
    if (user.phone && u.phone == user.phone) {
      return Error::Conflict("auth.phone_taken", "手机号 " + *user.phone + " 已被其他账号使用");
    }
    if (user.member_id && u.member_id == user.member_id) {
      return Error::Conflict("auth.member_has_account", "该党员已有账号");
    }
  }
  return Ok();
}

Result<User> FakeAuthStore::GetUser(UserId id) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id);
  if (it == users_.end()) return UserNotFound();
  return it->second;
}

Result<std::optional<User>> FakeAuthStore::FindUserByUsername(const std::string& username) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_) {
    if (u.username == username) return std::optional<User>(u);
  }
  return std::optional<User>();
}

Result<std::optional<User>> FakeAuthStore::FindUserByPhone(const std::string& phone) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_) {
    if (u.phone == phone) return std::optional<User>(u);
  }
  return std::optional<User>();
}

Result<UserPage> FakeAuthStore::ListUsers(const UserQuery& query) {
  std::lock_guard lock(mu_);
  auto in_nodes = [&](NodeId n) {
    return std::find(query.nodes->begin(), query.nodes->end(), n) != query.nodes->end();
  };
  UserPage page;
  for (const auto& [id, u] : users_) {
    if (!query.text.empty() && !Contains(u.username, query.text) &&
        !Contains(u.display_name, query.text) && !Contains(u.phone.value_or(""), query.text)) {
      continue;
    }
    if (query.nodes) {
      bool reached = std::any_of(grants_.begin(), grants_.end(), [&](const auto& g) {
        return g.second.user_id == id && in_nodes(g.second.node_id);
      });
      if (!reached && u.member_id && roster_ != nullptr) {
        std::optional<NodeId> branch = roster_->BranchOf(*u.member_id);
        std::optional<NodeId> place = roster_->PlaceOf(*u.member_id);
        reached = (branch && in_nodes(*branch)) || (place && in_nodes(*place));
      }
      if (!reached) continue;
    }
    if (page.total >= query.offset && page.total < query.offset + query.limit) {
      page.users.push_back(u);
    }
    ++page.total;
  }
  return page;
}

Result<User> FakeAuthStore::InsertUser(const WriteContext&, const User& user,
                                       const std::vector<RoleGrant>& grants) {
  std::lock_guard lock(mu_);
  User stored = user;
  stored.id = 0;
  DJ_RETURN_IF_ERROR(CheckUnique(stored));
  DJ_RETURN_IF_ERROR(BeginRecordWrite());
  stored.id = next_user_++;
  users_[stored.id] = stored;
  for (const RoleGrant& g : grants) {
    grants_[next_grant_] = {next_grant_, stored.id, g.role, g.node_id};
    ++next_grant_;
  }
  return stored;
}

Status FakeAuthStore::UpdateUser(const WriteContext&, const User& before, const User& after,
                                 UserChange) {
  std::lock_guard lock(mu_);
  auto it = users_.find(before.id);
  if (it == users_.end()) return UserNotFound();
  if (it->second != before) {
    return Error::Conflict("auth.user_stale", "账号已被他人修改，请刷新后重试");
  }
  DJ_RETURN_IF_ERROR(CheckUnique(after));
  DJ_RETURN_IF_ERROR(BeginRecordWrite());
  it->second = after;
  return Ok();
}

Status FakeAuthStore::DeleteUser(const WriteContext&, const User& user) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user.id);
  if (it == users_.end()) return UserNotFound();
  if (it->second != user) {
    return Error::Conflict("auth.user_stale", "账号已被他人修改，请刷新后重试");
  }
  DJ_RETURN_IF_ERROR(BeginRecordWrite());
  users_.erase(it);
  std::erase_if(grants_, [&](const auto& g) { return g.second.user_id == user.id; });
  std::erase_if(sessions_, [&](const auto& s) { return s.second.user_id == user.id; });
  return Ok();
}

Result<std::vector<RoleGrant>> FakeAuthStore::ListGrants(UserId user_id) {
  std::lock_guard lock(mu_);
  std::vector<RoleGrant> out;
  for (const auto& [id, g] : grants_) {
    if (g.user_id == user_id) out.push_back(g);
  }
  return out;
}

Result<RoleGrant> FakeAuthStore::GetGrant(GrantId id) {
  std::lock_guard lock(mu_);
  auto it = grants_.find(id);
  if (it == grants_.end()) return Error::NotFound("auth.grant_not_found", "该角色授予不存在");
  return it->second;
}

Result<RoleGrant> FakeAuthStore::InsertGrant(const WriteContext&, const RoleGrant& grant) {
  std::lock_guard lock(mu_);
  if (!users_.contains(grant.user_id)) return UserNotFound();
  for (const auto& [id, g] : grants_) {
    if (g.user_id == grant.user_id && g.role == grant.role && g.node_id == grant.node_id) {
      return Error::Conflict("auth.grant_duplicate", "该账号已有此角色");
    }
  }
  DJ_RETURN_IF_ERROR(BeginRecordWrite());
  RoleGrant stored = grant;
  stored.id = next_grant_++;
  grants_[stored.id] = stored;
  return stored;
}

Status FakeAuthStore::DeleteGrant(const WriteContext&, const RoleGrant& grant) {
  std::lock_guard lock(mu_);
  if (!grants_.contains(grant.id)) {
    return Error::NotFound("auth.grant_not_found", "该角色授予不存在");
  }
  DJ_RETURN_IF_ERROR(BeginRecordWrite());
  grants_.erase(grant.id);
  return Ok();
}

Status FakeAuthStore::InsertSession(const Session& session) {
  std::lock_guard lock(mu_);
  if (sessions_.contains(session.token_hash)) {
    return Error::Conflict("storage.unique_violation", "会话已存在");
  }
  ++session_writes_;
  sessions_[session.token_hash] = session;
  return Ok();
}

Result<std::optional<Session>> FakeAuthStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return std::optional<Session>();
  return std::optional<Session>(it->second);
}

Status FakeAuthStore::TouchSession(const std::string& token_hash, int64_t last_seen_at) {
  std::lock_guard lock(mu_);
  ++session_writes_;
  auto it = sessions_.find(token_hash);
  if (it != sessions_.end()) it->second.last_seen_at = last_seen_at;
  return Ok();
}

Status FakeAuthStore::DeleteSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  ++session_writes_;
  sessions_.erase(token_hash);
  return Ok();
}

Result<int64_t> FakeAuthStore::DeleteSessionsOfUser(UserId user_id,
                                                    const std::string& except_token_hash) {
  std::lock_guard lock(mu_);
  ++session_writes_;
  return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& s) {
    return s.second.user_id == user_id && s.first != except_token_hash;
  }));
}

Result<int64_t> FakeAuthStore::DeleteExpiredSessions(int64_t now, int64_t idle_before) {
  std::lock_guard lock(mu_);
  ++session_writes_;
  return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& s) {
    return s.second.expires_at <= now || s.second.last_seen_at < idle_before;
  }));
}

Result<std::vector<std::optional<LoginCounter>>> FakeAuthStore::UpdateLoginCounters(
    const std::vector<LoginCounterKey>& keys, const LoginCounterUpdate& update) {
  std::lock_guard lock(mu_);
  std::vector<std::optional<LoginCounter>> current;
  for (const LoginCounterKey& key : keys) {
    auto it = counters_.find(MapKey(key));
    current.push_back(it == counters_.end() ? std::nullopt
                                            : std::optional<LoginCounter>(it->second));
  }
  std::vector<std::optional<LoginCounter>> next = update(current);
  if (next.size() != keys.size()) {
    return Error::Internal("UpdateLoginCounters: update returned the wrong number of counters");
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    if (next[i] == current[i]) continue;
    ++counter_writes_;
    if (next[i]) {
      next[i]->kind = keys[i].kind;
      next[i]->subject = keys[i].subject;
      counters_[MapKey(keys[i])] = *next[i];
    } else {
      counters_.erase(MapKey(keys[i]));
    }
  }
  return next;
}

Result<std::vector<LoginCounter>> FakeAuthStore::ListLoginLocks(int64_t now) {
  std::lock_guard lock(mu_);
  std::vector<LoginCounter> out;
  for (const auto& [key, c] : counters_) {
    if (c.locked_until > now) out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [](const LoginCounter& a, const LoginCounter& b) {
    return a.locked_until < b.locked_until;
  });
  return out;
}

Result<bool> FakeAuthStore::DeleteLoginCounter(const LoginCounterKey& key) {
  std::lock_guard lock(mu_);
  ++counter_writes_;
  return counters_.erase(MapKey(key)) > 0;
}

Status FakeAuthStore::LiftLoginLock(const WriteContext&, const LoginCounterKey& key, UserId) {
  std::lock_guard lock(mu_);
  ++counter_writes_;
  if (counters_.erase(MapKey(key)) == 0) {
    return Error::NotFound("auth.lock_not_found", "没有该锁定记录");
  }
  return Ok();
}

Result<int64_t> FakeAuthStore::DeleteStaleLoginCounters(int64_t now, int64_t failed_before) {
  std::lock_guard lock(mu_);
  ++counter_writes_;
  return static_cast<int64_t>(std::erase_if(counters_, [&](const auto& c) {
    return c.second.locked_until <= now && c.second.last_failed_at < failed_before;
  }));
}

}  // namespace dj::testing
