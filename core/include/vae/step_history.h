#pragma once

#include "vae/step_record.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <vector>

namespace vae {

/// Consecutive step records summarised: their count, the range they cover, the mean of each
/// loss term, β and learning rate, and the least and greatest of each loss term. Losses in nats
/// per image, as StepRecord's.
///
/// A NaN loss (a diverged step) makes that term's mean NaN; min and max skip NaNs (std::fmin,
/// std::fmax), so they are NaN only when every step's value was.
struct StepBucket {
    std::int64_t firstStep = 0; ///< global step of the first record, from 1
    std::int64_t lastStep = 0;  ///< global step of the last record (≥ firstStep)
    std::int64_t count = 0;     ///< records summarised (≥ 1; lastStep − firstStep + 1 for a run
                                ///< that logs every step)
    double firstEpoch = 0;      ///< fractional epoch of the first record
    double lastEpoch = 0;       ///< fractional epoch of the last record
    LossTerms mean;             ///< mean over the records
    LossTerms min;              ///< least value over the records
    LossTerms max;              ///< greatest value over the records
    double meanBeta = 0;        ///< mean effective β
    double meanLearningRate = 0;

    /// A bucket of one record.
    [[nodiscard]] static StepBucket of(const StepRecord& record);
    /// Adds `later`'s records (which follow this bucket's) to this bucket: means weighted by count.
    void merge(const StepBucket& later);
    /// Every field equal, NaN equal to NaN (a diverged run's bucket equals its saved copy).
    bool operator==(const StepBucket& other) const;
};

/// The step records of a run in bounded memory: the last recentCapacity() records at full
/// resolution and every older one summarised in at most maxBuckets() StepBuckets. A record that
/// leaves the recent window joins the last bucket while it holds fewer than bucketWidth()
/// records, else starts a new one; when that would make more than maxBuckets() buckets, adjacent
/// buckets are first merged pairwise and the width doubles. So memory is
/// O(recentCapacity + maxBuckets) for any run length, push_back() is O(1) amortised, and the
/// buckets cover equal numbers of steps (the last one fewer, still filling).
///
/// The vector-like members (size, operator[], begin, …) see the recent records only; count() is
/// every step, buckets() the older ones. A run shorter than recentCapacity() has no buckets.
/// Not thread-safe: the owner synchronises (Trainer::history() returns a copy).
class StepHistory {
public:
    /// 20,000 records (~1.1 MB): hours of steps at full resolution for the plot to zoom into.
    static constexpr std::size_t kDefaultRecentCapacity = 20000;
    /// 4,096 buckets (~0.5 MB): more than a plot has pixel columns.
    static constexpr std::size_t kDefaultMaxBuckets = 4096;

    StepHistory() = default;
    /// Throws std::invalid_argument if recentCapacity is 0 or maxBuckets < 2.
    StepHistory(std::size_t recentCapacity, std::size_t maxBuckets);
    /// These records, in order, with the default capacities.
    StepHistory(std::initializer_list<StepRecord> records);
    explicit StepHistory(const std::vector<StepRecord>& records);
    /// Restores a saved state: `buckets` (older, in order) then `recent` (in order). The bucket
    /// width becomes the largest bucket's count; when `recent` exceeds the capacity its oldest
    /// records move into buckets, and when there are more buckets than maxBuckets they merge.
    StepHistory(std::vector<StepBucket> buckets, const std::vector<StepRecord>& recent,
                std::size_t recentCapacity = kDefaultRecentCapacity,
                std::size_t maxBuckets = kDefaultMaxBuckets);

    void push_back(const StepRecord& record);
    template <typename It>
    void append(It first, It last)
    {
        for (; first != last; ++first)
            push_back(*first);
    }
    void append(const std::vector<StepRecord>& records) { append(records.begin(), records.end()); }
    /// Drops every record after global step `step` (buckets that begin after it; a bucket that
    /// straddles it is dropped too, as it cannot be split).
    void truncateAfter(std::int64_t step);
    void clear();

    // The recent, full-resolution records.
    [[nodiscard]] const std::deque<StepRecord>& recent() const { return m_recent; }
    [[nodiscard]] std::size_t size() const { return m_recent.size(); }
    [[nodiscard]] bool empty() const { return m_recent.empty() && m_buckets.empty(); }
    [[nodiscard]] const StepRecord& operator[](std::size_t i) const { return m_recent[i]; }
    [[nodiscard]] const StepRecord& front() const { return m_recent.front(); }
    [[nodiscard]] const StepRecord& back() const { return m_recent.back(); }
    [[nodiscard]] auto begin() const { return m_recent.begin(); }
    [[nodiscard]] auto end() const { return m_recent.end(); }

    /// The older records, summarised, in step order (all before recent()).
    [[nodiscard]] const std::vector<StepBucket>& buckets() const { return m_buckets; }
    /// Records held in all: the buckets' counts plus size().
    [[nodiscard]] std::int64_t count() const { return m_bucketed + std::int64_t(m_recent.size()); }
    /// Global step of the last record (recent or bucketed), or 0 when there is none.
    [[nodiscard]] std::int64_t lastStep() const;
    /// Fractional epoch of the last record, or 0 when there is none.
    [[nodiscard]] double lastEpoch() const;
    /// Records a full bucket holds now (1, 2, 4, … doubling as the run grows).
    [[nodiscard]] std::int64_t bucketWidth() const { return m_width; }
    [[nodiscard]] std::size_t recentCapacity() const { return m_recentCapacity; }
    [[nodiscard]] std::size_t maxBuckets() const { return m_maxBuckets; }

    bool operator==(const StepHistory& other) const;

private:
    void bucketOldest();
    void halveBuckets();

    std::size_t m_recentCapacity = kDefaultRecentCapacity;
    std::size_t m_maxBuckets = kDefaultMaxBuckets;
    std::deque<StepRecord> m_recent;
    std::vector<StepBucket> m_buckets;
    std::int64_t m_width = 1;
    std::int64_t m_bucketed = 0;
};

} // namespace vae
