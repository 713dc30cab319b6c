#include "domain/contest/attempt_service.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace dj {
namespace {

constexpr int64_t kSecondsKept = 300;  // submissions per second are kept this long
constexpr int64_t kSecondsShown = 120;

Error ContestNotFound(ContestId id) {
  return Error::NotFound("contest.not_found", "竞答 " + std::to_string(id) + " 不存在");
}

Error AttemptNotFound() { return Error::NotFound("contest.attempt_not_found", "没有这次答题"); }

Error Starting() { return Error::Conflict("contest.attempt_starting", "试卷正在生成，请稍后重试"); }

}  // namespace

bool AttemptService::RankKey::operator<(const RankKey& o) const {
  return std::tie(o.points, seconds, submitted_at, member) <
         std::tie(points, o.seconds, o.submitted_at, o.member);
}

bool AttemptService::ScopeTree::Under(NodeId id, NodeId ancestor) const {
  for (;;) {
    if (id == ancestor) return true;
    auto it = parent.find(id);
    if (it == parent.end()) return false;
    id = it->second;
  }
}

Status AttemptService::Load() {
  DJ_ASSIGN_OR_RETURN(std::vector<StoredAttempt> stored, repository_.LoadAttempts());
  std::unique_lock lock(mu_);
  runs_.clear();
  AttemptId last = 0;
  for (StoredAttempt& a : stored) {
    last = std::max(last, a.id);
    auto it = runs_.find(a.contest);
    if (it == runs_.end()) {
      std::shared_ptr<const std::vector<Question>> pool = contests_.Pool(a.contest);
      if (pool == nullptr) {
        return Error::Internal("答题 " + std::to_string(a.id) + " 所属的竞答 " +
                               std::to_string(a.contest) + " 未发布或不存在");
      }
      it = runs_.emplace(a.contest, MakeRun(a.contest, std::move(pool))).first;
    }
    Run& run = *it->second;
    Slot slot;
    slot.id = a.id;
    slot.member = a.member;
    slot.branch = a.branch;
    slot.number = a.number;
    slot.started_at = a.started_at;
    slot.deadline = a.deadline;
    slot.paper = PaperText(a.paper);
    Count(run, a.started_at, /*start=*/true);
    if (a.submitted_at) {
      slot.state = SlotState::kSubmitted;
      slot.submitted_at = *a.submitted_at;
      slot.answers = AnswersText(a.answers);
      slot.points = a.points;
      slot.max_points = a.max_points;
      slot.correct = a.correct;
      Rank(run, slot);
    } else {
      slot.state = SlotState::kOpen;
    }
    run.by_member[a.member].push_back(a.id);
    run.slots.emplace(a.id, std::move(slot));
  }
  last_id_.store(last);
  return Ok();
}

std::shared_ptr<AttemptService::Run> AttemptService::MakeRun(
    ContestId id, std::shared_ptr<const std::vector<Question>> pool) const {
  auto run = std::make_shared<Run>();
  run->id = id;
  run->pool = std::move(pool);
  std::vector<const Question*> pointers;
  for (const Question& q : *run->pool) {
    pointers.push_back(&q);
    run->by_id.emplace(q.id, &q);
  }
  Result<Contest> contest = contests_.Get(id);
  if (contest.ok()) {
    Result<PaperDrawer> drawer = PaperDrawer::Make(contest->settings, pointers);
    if (drawer.ok()) run->drawer = std::move(drawer).value();
  }
  run->rng.seed(std::random_device{}());
  return run;
}

Result<std::shared_ptr<AttemptService::Run>> AttemptService::RunOf(ContestId id) const {
  {
    std::shared_lock lock(mu_);
    auto it = runs_.find(id);
    if (it != runs_.end()) return it->second;
  }
  std::shared_ptr<const std::vector<Question>> pool = contests_.Pool(id);
  if (pool == nullptr) return ContestNotFound(id);
  std::unique_lock lock(mu_);
  auto it = runs_.find(id);
  if (it == runs_.end()) it = runs_.emplace(id, MakeRun(id, std::move(pool))).first;
  return it->second;
}

bool AttemptService::Eligible(const Contest& c, MemberId member, NodeId* branch) const {
  std::optional<MemberStatus> status = roster_.StatusOf(member);
  std::optional<NodeId> at = roster_.BranchOf(member);
  if (!status || !at) return false;
  *branch = *at;
  if (*status != MemberStatus::kFull && *status != MemberStatus::kProbationary) return false;
  return roster_.IsInSubtree(*at, c.settings.scope);
}

StoredAttempt AttemptService::Brief(ContestId contest, const Slot& slot) {
  StoredAttempt a;
  a.id = slot.id;
  a.contest = contest;
  a.member = slot.member;
  a.branch = slot.branch;
  a.number = slot.number;
  a.started_at = slot.started_at;
  a.deadline = slot.deadline;
  return a;
}

AttemptView AttemptService::ViewOf(const Run& run, ContestId contest, const Slot& slot) const {
  AttemptView view;
  view.attempt = Brief(contest, slot);
  StoredAttempt& a = view.attempt;
  a.paper = ParsePaperText(slot.paper).value_or(Paper{});
  if (slot.state == SlotState::kSubmitted || slot.state == SlotState::kSubmitting) {
    a.submitted_at = slot.submitted_at;
    a.answers = ParseAnswersText(slot.answers).value_or(std::vector<Answer>{});
    a.points = slot.points;
    a.max_points = slot.max_points;
    a.correct = slot.correct;
  }
  view.questions.reserve(a.paper.size());
  for (const IssuedQuestion& q : a.paper) {
    auto it = run.by_id.find(q.id);
    if (it != run.by_id.end()) view.questions.push_back(it->second);
  }
  view.pool = run.pool;
  return view;
}

Result<ParticipantOverview> AttemptService::Overview(const Participant& p, int64_t now) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(p.contest));
  DJ_ASSIGN_OR_RETURN(Contest contest, contests_.Get(p.contest));
  ParticipantOverview out;
  NodeId branch = 0;
  out.eligible = Eligible(contest, p.member, &branch);
  out.paper_size = static_cast<int>(contest.settings.fixed.size());
  for (const DrawRule& r : contest.settings.draw) out.paper_size += r.count;
  std::lock_guard lock(run->mu);
  auto it = run->by_member.find(p.member);
  if (it != run->by_member.end()) {
    for (AttemptId id : it->second) {
      const Slot& slot = run->slots.at(id);
      StoredAttempt a = Brief(p.contest, slot);
      if (slot.state == SlotState::kSubmitted) {
        a.submitted_at = slot.submitted_at;
        a.points = slot.points;
        a.max_points = slot.max_points;
        a.correct = slot.correct;
      } else if (IsOpen(a.State(), now)) {
        out.open = slot.id;
      }
      out.attempts.push_back(std::move(a));
    }
  }
  out.contest = std::move(contest);
  return out;
}

Result<AttemptView> AttemptService::Start(const WriteContext& ctx, const Participant& p,
                                          int64_t now, Done stored) {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(p.contest));
  DJ_ASSIGN_OR_RETURN(Contest contest, contests_.Get(p.contest));
  NodeId branch = 0;
  const bool eligible = Eligible(contest, p.member, &branch);
  AttemptView view;
  {
    std::lock_guard lock(run->mu);
    std::vector<AttemptState> states;
    auto mine = run->by_member.find(p.member);
    if (mine != run->by_member.end()) {
      for (AttemptId id : mine->second) {
        const Slot& s = run->slots.at(id);
        AttemptState state{s.id, s.started_at, s.deadline, std::nullopt};
        if (s.state == SlotState::kSubmitted || s.state == SlotState::kSubmitting) {
          state.submitted_at = s.submitted_at;
        }
        states.push_back(state);
      }
    }
    DJ_RETURN_IF_ERROR(CheckStart(contest, eligible, now, states));
    if (!run->drawer) return Error::Internal("竞答 " + std::to_string(p.contest) + " 无法出题");
    Slot slot;
    slot.id = ++last_id_;
    slot.member = p.member;
    slot.branch = branch;
    slot.number = static_cast<int>(states.size()) + 1;
    slot.state = SlotState::kStarting;
    slot.started_at = now;
    slot.deadline = DeadlineOf(contest.settings, now);
    slot.paper = PaperText(run->drawer->Draw(run->rng()));
    view = ViewOf(*run, p.contest, slot);
    run->by_member[p.member].push_back(slot.id);
    run->slots.emplace(slot.id, std::move(slot));
  }
  const AttemptId id = view.attempt.id;
  repository_.InsertAttempt(ctx, view.attempt,
                            [this, run, id, member = p.member, stored](Status status) {
                              {
                                std::lock_guard lock(run->mu);
                                if (status.ok()) {
                                  run->slots.at(id).state = SlotState::kOpen;
                                  Count(*run, run->slots.at(id).started_at, /*start=*/true);
                                } else {
                                  run->slots.erase(id);
                                  std::vector<AttemptId>& mine = run->by_member[member];
                                  mine.erase(std::remove(mine.begin(), mine.end(), id), mine.end());
                                }
                              }
                              stored(std::move(status));
                            });
  return view;
}

Result<AttemptView> AttemptService::Current(const Participant& p, int64_t now) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(p.contest));
  std::lock_guard lock(run->mu);
  auto mine = run->by_member.find(p.member);
  if (mine != run->by_member.end()) {
    for (AttemptId id : mine->second) {
      const Slot& s = run->slots.at(id);
      if (s.state == SlotState::kSubmitted || s.state == SlotState::kSubmitting) continue;
      if (!IsOpen({s.id, s.started_at, s.deadline, std::nullopt}, now)) continue;
      if (s.state == SlotState::kStarting) return Starting();
      return ViewOf(*run, p.contest, s);
    }
  }
  return Error::NotFound("contest.no_open_attempt", "没有正在进行的答题");
}

Result<AttemptView> AttemptService::Submit(const WriteContext& ctx, const Participant& p,
                                           AttemptId id, std::vector<Answer> answers, int64_t now,
                                           Done stored) {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(p.contest));
  DJ_ASSIGN_OR_RETURN(Contest contest, contests_.Get(p.contest));
  AttemptView view;
  {
    std::lock_guard lock(run->mu);
    auto it = run->slots.find(id);
    if (it == run->slots.end() || it->second.member != p.member) return AttemptNotFound();
    Slot& slot = it->second;
    if (slot.state == SlotState::kStarting) return Starting();
    if (slot.state == SlotState::kSubmitting) {
      return Error::Conflict("contest.submitting", "答卷正在提交，请勿重复提交");
    }
    AttemptState state{slot.id, slot.started_at, slot.deadline, std::nullopt};
    if (slot.state == SlotState::kSubmitted) state.submitted_at = slot.submitted_at;
    std::optional<Paper> paper = ParsePaperText(slot.paper);
    if (!paper) return Error::Internal("答题 " + std::to_string(id) + " 的试卷无效");
    std::vector<const Question*> questions;
    questions.reserve(paper->size());
    for (const IssuedQuestion& q : *paper) {
      auto found = run->by_id.find(q.id);
      if (found != run->by_id.end()) questions.push_back(found->second);
    }
    DJ_RETURN_IF_ERROR(CheckSubmit(state, *paper, questions, answers, now));
    AttemptScore score = ScoreAttempt(contest.settings, *paper, questions, answers);
    slot.state = SlotState::kSubmitting;
    slot.submitted_at = now;
    slot.answers = AnswersText(answers);
    slot.points = score.points;
    slot.max_points = score.max_points;
    slot.correct = score.correct;
    view = ViewOf(*run, p.contest, slot);
  }
  repository_.SubmitAttempt(ctx, view.attempt, [this, run, id, stored](Status status) {
    {
      std::lock_guard lock(run->mu);
      Slot& slot = run->slots.at(id);
      if (status.ok()) {
        slot.state = SlotState::kSubmitted;
        Rank(*run, slot);
        Count(*run, slot.submitted_at, /*start=*/false);
      } else {
        slot.state = SlotState::kOpen;
        slot.submitted_at = 0;
        slot.answers.clear();
        slot.points = slot.max_points = slot.correct = 0;
      }
    }
    stored(std::move(status));
  });
  return view;
}

Result<AttemptView> AttemptService::Submitted(const Participant& p, AttemptId id) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(p.contest));
  std::lock_guard lock(run->mu);
  auto it = run->slots.find(id);
  if (it == run->slots.end() || it->second.member != p.member ||
      it->second.state != SlotState::kSubmitted) {
    return AttemptNotFound();
  }
  return ViewOf(*run, p.contest, it->second);
}

const std::vector<NodeId>& AttemptService::Up(Run& run, NodeId branch) const {
  auto it = run.up.find(branch);
  if (it != run.up.end()) return it->second;
  std::vector<NodeId> ids;
  for (const OrgNode& n : roster_.PathTo(branch)) ids.push_back(n.id);
  return run.up.emplace(branch, std::move(ids)).first->second;
}

void AttemptService::Rank(Run& run, const Slot& slot) const {
  RankKey key{slot.points, slot.submitted_at - slot.started_at, slot.submitted_at, slot.member};
  auto it = run.best.find(slot.member);
  if (it == run.best.end()) {
    run.best.emplace(slot.member, Best{key, slot.branch, slot.max_points});
    run.ranked.insert(key);
    for (NodeId n : Up(run, slot.branch)) {
      Totals& t = run.totals[n];
      ++t.participants;
      t.points += slot.points;
    }
    return;
  }
  Best& best = it->second;
  if (!(key < best.key)) return;
  run.ranked.erase(best.key);
  run.ranked.insert(key);
  for (NodeId n : Up(run, best.branch)) run.totals[n].points -= best.key.points;
  for (NodeId n : Up(run, best.branch)) --run.totals[n].participants;
  for (NodeId n : Up(run, slot.branch)) {
    Totals& t = run.totals[n];
    ++t.participants;
    t.points += slot.points;
  }
  best = Best{key, slot.branch, slot.max_points};
}

void AttemptService::Count(Run& run, int64_t at, bool start) const {
  Activity& minute = run.per_minute[at - at % 60];
  minute.at = at - at % 60;
  if (start) {
    ++minute.started;
    ++run.started;
    return;
  }
  ++minute.submitted;
  ++run.submitted;
  ++run.submits_per_second[at];
  while (!run.submits_per_second.empty() &&
         run.submits_per_second.begin()->first < at - kSecondsKept) {
    run.submits_per_second.erase(run.submits_per_second.begin());
  }
}

Result<std::shared_ptr<const AttemptService::ScopeTree>> AttemptService::TreeOf(
    const Run& run, NodeId scope) const {
  const uint64_t version = roster_.Version();
  if (run.tree != nullptr && run.tree->version == version) return run.tree;
  DJ_ASSIGN_OR_RETURN(std::vector<NodeHeadcount> counts, roster_.Headcounts(scope));
  auto tree = std::make_shared<ScopeTree>();
  tree->version = version;
  tree->nodes.reserve(counts.size());
  for (NodeHeadcount& c : counts) {
    if (c.node.id != scope && c.node.parent_id) tree->parent[c.node.id] = *c.node.parent_id;
    tree->nodes.push_back(std::move(c.node));
  }
  for (size_t i = 0; i < counts.size(); ++i) {
    // A branch counts the members of its groups too: only branches are added up.
    if (tree->nodes[i].kind != NodeKind::kBranch) continue;
    NodeId id = tree->nodes[i].id;
    for (;;) {
      tree->eligible[id] += counts[i].members;
      auto up = tree->parent.find(id);
      if (up == tree->parent.end()) break;
      id = up->second;
    }
  }
  run.tree = tree;
  return std::shared_ptr<const ScopeTree>(std::move(tree));
}

Result<std::vector<MemberRank>> AttemptService::RankMembers(ContestId contest, NodeId node,
                                                            size_t offset, size_t limit,
                                                            size_t* total) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(contest));
  DJ_ASSIGN_OR_RETURN(Contest c, contests_.Get(contest));
  if (node == 0) node = c.settings.scope;
  std::vector<MemberRank> out;
  std::lock_guard lock(run->mu);
  auto add = [&](size_t rank, const RankKey& key, const Best& best) {
    out.push_back({static_cast<int>(rank), key.member, best.branch, key.points, best.max_points,
                   key.seconds, key.submitted_at});
  };
  if (node == c.settings.scope) {
    // Everyone ranked counts: walk only to the page (the live ranking's usual question).
    *total = run->ranked.size();
    size_t rank = 0;
    for (const RankKey& key : run->ranked) {
      if (++rank <= offset) continue;
      if (out.size() >= limit) break;
      add(rank, key, run->best.at(key.member));
    }
    return out;
  }
  size_t seen = 0;
  for (const RankKey& key : run->ranked) {
    const Best& best = run->best.at(key.member);
    const std::vector<NodeId>& up = Up(*run, best.branch);
    if (std::find(up.begin(), up.end(), node) == up.end()) continue;
    ++seen;
    if (seen <= offset || out.size() >= limit) continue;
    add(seen, key, best);
  }
  *total = seen;
  return out;
}

Result<std::vector<NodeRank>> AttemptService::RankNodes(ContestId contest, NodeId node,
                                                        NodeKind kind, NodeRankOrder order) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(contest));
  DJ_ASSIGN_OR_RETURN(Contest c, contests_.Get(contest));
  if (node == 0) node = c.settings.scope;
  std::lock_guard lock(run->mu);
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<const ScopeTree> tree, TreeOf(*run, c.settings.scope));
  if (node != c.settings.scope && !tree->parent.contains(node)) {
    return Error::NotFound("org.not_found", "组织不在本次竞答的范围内");
  }
  std::vector<NodeRank> out;
  for (const OrgNode& n : tree->nodes) {
    if (n.kind != kind || !tree->Under(n.id, node)) continue;
    NodeRank r;
    r.node = n.id;
    auto e = tree->eligible.find(n.id);
    r.eligible = e == tree->eligible.end() ? 0 : e->second;
    auto t = run->totals.find(n.id);
    if (t != run->totals.end()) {
      r.participants = t->second.participants;
      if (r.participants > 0) {
        r.average = static_cast<double>(t->second.points) / static_cast<double>(r.participants);
      }
    }
    if (r.eligible > 0)
      r.rate = static_cast<double>(r.participants) / static_cast<double>(r.eligible);
    out.push_back(r);
  }
  auto by = [order](const NodeRank& a, const NodeRank& b) {
    const double x = order == NodeRankOrder::kRate ? a.rate : a.average;
    const double y = order == NodeRankOrder::kRate ? b.rate : b.average;
    if (x != y) return x > y;
    const double x2 = order == NodeRankOrder::kRate ? a.average : a.rate;
    const double y2 = order == NodeRankOrder::kRate ? b.average : b.rate;
    if (x2 != y2) return x2 > y2;
    return a.node < b.node;
  };
  std::stable_sort(out.begin(), out.end(), by);
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

Result<ContestMonitor> AttemptService::Monitor(ContestId contest, int64_t now) const {
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<Run> run, RunOf(contest));
  DJ_ASSIGN_OR_RETURN(Contest c, contests_.Get(contest));
  ContestMonitor m;
  std::lock_guard lock(run->mu);
  DJ_ASSIGN_OR_RETURN(std::shared_ptr<const ScopeTree> tree, TreeOf(*run, c.settings.scope));
  auto e = tree->eligible.find(c.settings.scope);
  m.eligible = e == tree->eligible.end() ? 0 : e->second;
  auto t = run->totals.find(c.settings.scope);
  if (t != run->totals.end()) {
    m.participants = t->second.participants;
    if (m.participants > 0) {
      m.average = static_cast<double>(t->second.points) / static_cast<double>(m.participants);
    }
  }
  m.started = run->started;
  m.submitted = run->submitted;
  for (const auto& [id, slot] : run->slots) {
    if (slot.state == SlotState::kOpen && now <= slot.deadline + kSubmitGraceSeconds) {
      ++m.in_progress;
    }
  }
  m.per_minute.reserve(run->per_minute.size());
  for (const auto& [at, a] : run->per_minute) m.per_minute.push_back(a);
  for (int64_t at = now - kSecondsShown + 1; at <= now; ++at) {
    auto s = run->submits_per_second.find(at);
    m.per_second.push_back({at, 0, s == run->submits_per_second.end() ? 0 : s->second});
  }
  return m;
}

}  // namespace dj
