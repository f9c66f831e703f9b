// InlineList (the storage of a decision's reasons and warnings): ordered by
// code, once per code, merge on a repeat, slots written in place, and copies
// that carry exactly the items held (its storage is not initialised, so a
// copy must neither lose nor invent items).
#include <cstddef>
#include <new>
#include <vector>

#include <catch2/catch.hpp>

#include "sendpolicy/decision.h"

using sendpolicy::internal::InlineList;

namespace {

struct Item {
  int code = 0;
  int value = 0;
};

using List = InlineList<Item, 8>;

std::vector<int> codes(const List& list) {
  std::vector<int> out;
  for (const Item& i : list) out.push_back(i.code);
  return out;
}

std::vector<int> values(const List& list) {
  std::vector<int> out;
  for (const Item& i : list) out.push_back(i.value);
  return out;
}

List filled(const std::vector<int>& codes_in_order) {
  List list;
  for (int c : codes_in_order) list.insert_by_code(Item{c, c * 10});
  return list;
}

}  // namespace

TEST_CASE("InlineList keeps items ordered by code whatever the insertion order", "[decision][inline_list]") {
  struct Row {
    std::vector<int> inserted;
    std::vector<int> expected;
  };
  const Row rows[] = {
      {{}, {}},
      {{3}, {3}},
      {{1, 2, 3}, {1, 2, 3}},            // appends only
      {{3, 2, 1}, {1, 2, 3}},            // every insert at the front
      {{5, 1, 3, 0, 7, 2}, {0, 1, 2, 3, 5, 7}},
      {{4, 4, 2, 4, 2}, {2, 4}},         // each code once
      {{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7}},  // full
  };
  for (const Row& row : rows) {
    const List list = filled(row.inserted);
    CAPTURE(row.inserted);
    CHECK(codes(list) == row.expected);
    CHECK(list.size() == row.expected.size());
    CHECK(list.empty() == row.expected.empty());
    std::vector<int> expected_values;
    for (int c : row.expected) expected_values.push_back(c * 10);
    CHECK(values(list) == expected_values);  // items moved whole when shifted
  }
}

TEST_CASE("InlineList: a repeated code keeps the first item unless merge changes it", "[decision][inline_list]") {
  List list;
  CHECK(list.insert_by_code(Item{2, 1}));
  CHECK_FALSE(list.insert_by_code(Item{2, 2}));  // dropped: the first wins
  REQUIRE(list.size() == 1);
  CHECK(list[0].value == 1);

  int merges = 0;
  const auto keep_larger = [&](Item& kept, const Item& next) noexcept {
    ++merges;
    if (next.value > kept.value) kept = next;
  };
  CHECK_FALSE(list.insert_by_code(Item{2, 0}, keep_larger));
  CHECK(list[0].value == 1);
  CHECK_FALSE(list.insert_by_code(Item{2, 5}, keep_larger));
  CHECK(list[0].value == 5);
  CHECK(merges == 2);
  CHECK(list.insert_by_code(Item{1, 7}, keep_larger));  // a new code is never merged
  CHECK(merges == 2);
  CHECK(codes(list) == std::vector<int>{1, 2});
}

TEST_CASE("InlineList::slot_for opens storage at the code's place, or finds the kept item",
          "[decision][inline_list]") {
  List list = filled({1, 5});
  const List::Slot fresh = list.slot_for(3);
  REQUIRE(fresh.fresh != nullptr);
  CHECK(fresh.kept == nullptr);
  ::new (fresh.fresh) Item{3, 33};
  CHECK(codes(list) == std::vector<int>{1, 3, 5});
  CHECK(values(list) == std::vector<int>{10, 33, 50});  // 5 moved up whole

  const List::Slot kept = list.slot_for(3);
  CHECK(kept.fresh == nullptr);
  REQUIRE(kept.kept != nullptr);
  CHECK(kept.kept->value == 33);
  CHECK(list.size() == 3);

  List full = filled({0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(full.slot_for(7).kept != nullptr);  // present: found even when full
  const List::Slot none = full.slot_for(9);  // absent and full: nowhere
  CHECK(none.kept == nullptr);
  CHECK(none.fresh == nullptr);
  CHECK(full.size() == 8);
}

TEST_CASE("InlineList copies carry exactly the items held", "[decision][inline_list]") {
  const List three = filled({2, 0, 1});
  const List copy(three);  // NOLINT(performance-unnecessary-copy-initialization): the copy is the subject
  CHECK(codes(copy) == std::vector<int>{0, 1, 2});
  CHECK(values(copy) == std::vector<int>{0, 10, 20});

  List target = filled({0, 1, 2, 3, 4, 5});
  target = three;  // a longer list assigned a shorter one shrinks
  CHECK(codes(target) == std::vector<int>{0, 1, 2});
  target = List{};
  CHECK(target.empty());
  CHECK(target.begin() == target.end());

  List self = filled({4, 6});
  const List& alias = self;
  self = alias;
  CHECK(codes(self) == std::vector<int>{4, 6});
}

TEST_CASE("A copied SendDecision keeps its reasons and warnings", "[decision][inline_list]") {
  sendpolicy::SendDecision d;
  sendpolicy::Reason r;
  r.code = sendpolicy::ReasonCode::kQuietHours;
  r.rule = "x.quiet";
  r.deferrable = true;
  d.reasons.insert_by_code(r);
  d.warnings.insert_by_code(sendpolicy::Warning{sendpolicy::WarningCode::kReOptedInByKeyword, "w"});
  const sendpolicy::SendDecision copy = d;
  REQUIRE(copy.reasons.size() == 1);
  CHECK(copy.reasons[0].code == sendpolicy::ReasonCode::kQuietHours);
  CHECK(copy.reasons[0].rule == "x.quiet");
  CHECK(copy.reasons[0].deferrable);
  REQUIRE(copy.warnings.size() == 1);
  CHECK(copy.warnings[0].detail == "w");
}
