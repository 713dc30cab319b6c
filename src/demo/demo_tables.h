// Fixed data the demo generator draws from: organ names, office names, Chinese names,
// birthplace codes, ethnic groups and posts. Weights are relative integers.
#pragma once

#include <cstdint>
#include <span>

namespace dj::demo {

// How many party members a unit has, roughly; the generator maps each class to a range of
// sizes for the scale being built (see demo_generator.cpp).
enum class UnitClass {
  kTiny,    // under 50: branches directly under the unit
  kSmall,   // 50-99: one general branch (JG-19-2)
  kMedium,  // 100 and more: an organ committee (JG-19-1)
  kLarge,
  kHuge,
};

// The line of work of a unit, which decides the names of its offices and affiliated bodies.
enum class Sector {
  kParty,      // party committee departments and the government's general office
  kCongress,   // people's congress and CPPCC organs
  kJustice,    // courts, procuratorates, public security, justice
  kEconomy,    // development, finance, commerce, audit, statistics, market regulation
  kSociety,    // education, health, civil affairs, human resources
  kResources,  // land, environment, construction, transport, water, agriculture, geology
  kCulture,    // culture, media, sport, museums
  kResearch,   // academies, party school, vocational colleges
  kService,    // organ affairs, offices in other cities, public service centres
  kVertical,   // organs led from Beijing: tax, meteorology, seismology, tobacco
  kMass,       // mass organisations: trade unions, youth league, women's federation
};
inline constexpr int kSectorCount = 11;

// Deliberate irregularities the rule engine is meant to find (see demo_generator.h).
enum UnitFlag : uint32_t {
  kHasStudents = 1u << 0,       // a 研究生党支部 of student members
  kOversizeBranch = 1u << 1,    // ZB-18-1: its first office branch has more than 50 members
  kOversizeRetirees = 1u << 2,  // ZB-18-1: its first retirees' branch has more than 50
  kNoCommittee = 1u << 3,       // ZB-18-3: its largest office branch has no committee
  kExpiredTerm = 1u << 4,       // JG-19-4: the term of its first office branch has ended
  kTooFewFull = 1u << 5,        // ZB-18-1/2: an extra branch with only 2 full members
};

struct UnitSpec {
  const char* name;
  UnitClass size;
  Sector sector;
  uint32_t flags = 0;
};

// 150 provincial organs in the order of their zones (8 zones: 19 units each for the first
// six, 18 for the last two).
std::span<const UnitSpec> ProvinceUnits();
// 90 city organs, 15 per zone (6 zones).
std::span<const UnitSpec> CityUnits();
// 6 provincial organs, 3 per zone (2 zones).
std::span<const UnitSpec> SmallUnits();

// Offices (处室) of a unit of `sector`, most characteristic first; every unit also has the
// common offices. Names end in 处/室/部/中心 etc.; the city scale replaces a final 处 by 科.
std::span<const char* const> SectorOffices(Sector sector);
std::span<const char* const> CommonOffices();
// Affiliated bodies (直属单位) that get a general branch under a large organ committee.
std::span<const char* const> SectorAffiliates(Sector sector);

struct WeightedText {
  const char* text;
  int weight;
};

std::span<const WeightedText> Surnames();
// Two-character given names, by sex and by generation: 0 born before 1970, 1 in 1970-1989,
// 2 in 1990 or later.
inline constexpr int kGenerations = 3;
std::span<const char* const> MaleGivenNames(int generation);
std::span<const char* const> FemaleGivenNames(int generation);
// One-character given names.
std::span<const char* const> MaleSingleNames();
std::span<const char* const> FemaleSingleNames();

// Birthplace region codes (the first six digits of the ID number).
struct Region {
  const char* code;
  int province_weight;
  int city_weight;     // the city scale is Xiangyang-like: mostly 4206xx
  bool minority_area;  // Enshi: many Tujia and Miao
};
std::span<const Region> Regions();

// Ethnic groups for people born outside and inside minority areas.
std::span<const WeightedText> Ethnicities(bool minority_area);

// Posts (职务/职级) of serving members by age band (0: under 28, 1: 28-35, 2: 36-45,
// 3: 46 and over). `rank` orders leadership for picking secretaries; `city` is the city
// scale's wording, or null when the post does not exist there; `technical` posts (engineers,
// researchers) occur only in units with technical work.
struct PostSpec {
  const char* province;
  const char* city;
  int weight;
  int rank;
  bool technical = false;
};
// Whether units of `sector` have engineers and researchers.
bool HasTechnicalPosts(Sector sector);
inline constexpr int kAgeBands = 4;
std::span<const PostSpec> ServingPosts(int age_band);

}  // namespace dj::demo
