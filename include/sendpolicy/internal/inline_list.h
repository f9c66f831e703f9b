// sendpolicy/internal/inline_list.h: not part of the public API.
//
// A fixed-capacity list stored inline, so a SendDecision never touches the
// heap. Capacity is the number of distinct codes, and each code appears at
// most once, so it cannot overflow.
//
// Only the first size() slots are ever written or read. The storage is left
// uninitialised and copies copy size() items, not the capacity: zeroing 27
// reasons and 14 warnings (~2.3 KB) on every SendDecision was ~20% of an
// evaluate() that reports one reason (docs/performance.md).
#ifndef SENDPOLICY_INTERNAL_INLINE_LIST_H_
#define SENDPOLICY_INTERNAL_INLINE_LIST_H_

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>

namespace sendpolicy {
namespace internal {

template <class T, std::size_t N>
class InlineList {
  // Items are copied with memcpy/memmove and never destroyed.
  static_assert(std::is_trivially_copyable<T>::value, "InlineList holds plain data");
  static_assert(std::is_trivially_destructible<T>::value, "InlineList never destroys items");

 public:
  using value_type = T;
  using const_iterator = const T*;

  InlineList() noexcept {}  // NOLINT: the storage is deliberately left uninitialised
  InlineList(const InlineList& other) noexcept : size_(other.size_) {
    copy_items(other);
  }
  InlineList& operator=(const InlineList& other) noexcept {
    if (this != &other) {
      size_ = other.size_;
      copy_items(other);
    }
    return *this;
  }
  ~InlineList() = default;

  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  static constexpr std::size_t capacity() noexcept { return N; }
  constexpr const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const T* begin() const noexcept { return items_; }
  constexpr const T* end() const noexcept { return items_ + size_; }
  constexpr const T& front() const noexcept { return items_[0]; }

  // Inserts keeping the list ordered by `code` and unique per code; a second
  // item with the same code is dropped (the first rule to report it wins).
  // Returns false when dropped.
  bool insert_by_code(const T& item) noexcept {
    return insert_by_code(item, [](T&, const T&) noexcept {});
  }

  // As above, but a second item with the same code is handed to
  // `merge(kept, item)`, which may update the kept one in place.
  template <class Merge>
  bool insert_by_code(const T& item, Merge merge) noexcept {
    const Slot slot = slot_for(item.code);
    if (slot.kept != nullptr) merge(*slot.kept, item);
    if (slot.fresh == nullptr) return false;
    ::new (slot.fresh) T(item);
    return true;
  }

  // Where the item of `code` goes, keeping the list ordered by code: the
  // kept item when the code is present, else fresh storage opened at the
  // code's place (later items moved up), in which the caller must construct
  // a T with that `code` before the list is used again. Both null when full
  // (capacity is the number of codes, so never for distinct codes). Lets a
  // caller construct an item in place: building it on the stack and copying
  // it in made the copy's 16-byte loads wait for the small stores just made
  // (a store-forwarding stall, ~1/3 of a 4-reason denial).
  struct Slot {
    T* kept = nullptr;
    void* fresh = nullptr;
  };
  template <class Code>
  Slot slot_for(Code code) noexcept {
    std::size_t pos = 0;
    while (pos < size_ && items_[pos].code < code) ++pos;
    if (pos < size_ && items_[pos].code == code) return Slot{&items_[pos], nullptr};
    if (size_ == N) return Slot{};
    // Item by item from the top: usually one or two items move, and a
    // memmove call cost more than the copies (inlined as a few moves).
    for (std::size_t i = size_; i > pos; --i) ::new (static_cast<void*>(items_ + i)) T(items_[i - 1]);
    ++size_;
    return Slot{nullptr, static_cast<void*>(items_ + pos)};
  }

  void clear() noexcept { size_ = 0; }

 private:
  void copy_items(const InlineList& other) noexcept {
    if (size_ != 0) {
      std::memcpy(static_cast<void*>(items_), static_cast<const void*>(other.items_),
                  size_ * sizeof(T));
    }
  }

  // A union, so T's default member initialisers do not run for the whole
  // capacity; slots [0, size_) hold items.
  union {
    T items_[N];
  };
  std::size_t size_ = 0;
};

}  // namespace internal
}  // namespace sendpolicy

#endif  // SENDPOLICY_INTERNAL_INLINE_LIST_H_
