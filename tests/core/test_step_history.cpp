#include "vae/step_history.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

// A record whose values vary irregularly with the step, so a wrong mean or range shows.
vae::StepRecord record(std::int64_t step, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    vae::StepRecord r;
    r.step = step;
    r.epoch = double(step) / 469.0;
    r.loss.reconstruction = 100.0 + 50.0 * u(rng);
    r.loss.kl = 5.0 * u(rng);
    r.loss.elbo = -(r.loss.reconstruction + r.loss.kl);
    r.beta = u(rng) < 0.5 ? 1.0 : 0.25;
    r.learningRate = 1e-3 * (1 + u(rng));
    return r;
}

// Checks the buckets and recent records of `h` against every record appended, `all`, computing
// each bucket's mean, min and max afresh from the records it claims to cover.
void expectSummarises(const vae::StepHistory& h, const std::vector<vae::StepRecord>& all)
{
    ASSERT_EQ(h.count(), std::int64_t(all.size()));
    ASSERT_LE(h.buckets().size(), h.maxBuckets());
    ASSERT_LE(h.size(), h.recentCapacity());
    std::int64_t counted = 0;
    std::size_t next = 0; // index in `all` of the first record not yet covered
    for (std::size_t b = 0; b < h.buckets().size(); ++b) {
        const vae::StepBucket& bucket = h.buckets()[b];
        ASSERT_EQ(bucket.firstStep, all[next].step) << "bucket " << b << " is not contiguous";
        if (b + 1 < h.buckets().size())
            EXPECT_EQ(bucket.count, h.bucketWidth()) << "bucket " << b << " is not full";
        else
            EXPECT_LE(bucket.count, h.bucketWidth());
        double recon = 0, kl = 0, elbo = 0, beta = 0, lr = 0;
        double minRecon = 1e300, maxRecon = -1e300, minKl = 1e300, maxKl = -1e300;
        double minElbo = 1e300, maxElbo = -1e300;
        for (std::int64_t k = 0; k < bucket.count; ++k) {
            const vae::StepRecord& r = all[next + std::size_t(k)];
            recon += r.loss.reconstruction;
            kl += r.loss.kl;
            elbo += r.loss.elbo;
            beta += r.beta;
            lr += r.learningRate;
            minRecon = std::min(minRecon, r.loss.reconstruction);
            maxRecon = std::max(maxRecon, r.loss.reconstruction);
            minKl = std::min(minKl, r.loss.kl);
            maxKl = std::max(maxKl, r.loss.kl);
            minElbo = std::min(minElbo, r.loss.elbo);
            maxElbo = std::max(maxElbo, r.loss.elbo);
        }
        const double n = double(bucket.count);
        const vae::StepRecord& last = all[next + std::size_t(bucket.count) - 1];
        EXPECT_EQ(bucket.lastStep, last.step);
        EXPECT_EQ(bucket.firstEpoch, all[next].epoch);
        EXPECT_EQ(bucket.lastEpoch, last.epoch);
        EXPECT_NEAR(bucket.mean.reconstruction, recon / n, 1e-9 * std::abs(recon / n));
        EXPECT_NEAR(bucket.mean.kl, kl / n, 1e-9);
        EXPECT_NEAR(bucket.mean.elbo, elbo / n, 1e-9 * std::abs(elbo / n));
        EXPECT_NEAR(bucket.meanBeta, beta / n, 1e-12);
        EXPECT_NEAR(bucket.meanLearningRate, lr / n, 1e-15);
        EXPECT_EQ(bucket.min.reconstruction, minRecon);
        EXPECT_EQ(bucket.max.reconstruction, maxRecon);
        EXPECT_EQ(bucket.min.kl, minKl);
        EXPECT_EQ(bucket.max.kl, maxKl);
        EXPECT_EQ(bucket.min.elbo, minElbo);
        EXPECT_EQ(bucket.max.elbo, maxElbo);
        counted += bucket.count;
        next += std::size_t(bucket.count);
    }
    // The recent records are the rest, unchanged.
    ASSERT_EQ(counted + std::int64_t(h.size()), std::int64_t(all.size()));
    for (std::size_t i = 0; i < h.size(); ++i) {
        ASSERT_EQ(h[i].step, all[next + i].step);
        ASSERT_EQ(h[i].loss.reconstruction, all[next + i].loss.reconstruction);
    }
}

} // namespace

TEST(StepHistory, ShortRunKeepsEveryRecordAndNoBuckets)
{
    std::mt19937_64 rng(1);
    vae::StepHistory h;
    for (int i = 1; i <= 1000; ++i)
        h.push_back(record(i, rng));
    EXPECT_EQ(h.size(), 1000u);
    EXPECT_EQ(h.count(), 1000);
    EXPECT_TRUE(h.buckets().empty());
    EXPECT_EQ(h.front().step, 1);
    EXPECT_EQ(h.back().step, 1000);
    EXPECT_EQ(h.lastStep(), 1000);
}

TEST(StepHistory, BucketsSummariseTheStepsTheyCoverAtEverySize)
{
    // Small capacities so that the buckets merge many times; checked after every size from 1 to
    // 3,000 appended (every merge boundary), then at a few larger ones.
    std::mt19937_64 rng(7);
    vae::StepHistory h(/*recentCapacity=*/37, /*maxBuckets=*/8);
    std::vector<vae::StepRecord> all;
    for (int i = 1; i <= 3000; ++i) {
        all.push_back(record(i, rng));
        h.push_back(all.back());
        expectSummarises(h, all);
        if (HasFatalFailure() || HasFailure())
            FAIL() << "after " << i << " records";
    }
    for (int i = 3001; i <= 100000; ++i) {
        all.push_back(record(i, rng));
        h.push_back(all.back());
    }
    expectSummarises(h, all);
    EXPECT_EQ(h.size(), 37u);
    EXPECT_LE(h.buckets().size(), 8u);
    EXPECT_GE(h.buckets().size(), 4u); // a halving leaves half, so never fewer than K/2
}

TEST(StepHistory, MemoryIsBoundedAfterTenMillionRecords)
{
    std::mt19937_64 rng(3);
    vae::StepHistory h;
    std::vector<vae::StepRecord> sample; // the first 20,000 records, for one bucket's check
    constexpr std::int64_t kSteps = 10'000'000;
    for (std::int64_t i = 1; i <= kSteps; ++i)
        h.push_back(record(i, rng));
    EXPECT_EQ(h.count(), kSteps);
    EXPECT_EQ(h.size(), vae::StepHistory::kDefaultRecentCapacity);
    EXPECT_LE(h.buckets().size(), vae::StepHistory::kDefaultMaxBuckets);
    EXPECT_GE(h.buckets().size(), vae::StepHistory::kDefaultMaxBuckets / 2);
    EXPECT_EQ(h.back().step, kSteps);
    EXPECT_EQ(h.front().step, kSteps - std::int64_t(h.size()) + 1);
    std::int64_t counted = 0;
    std::int64_t expectedFirst = 1;
    for (const vae::StepBucket& b : h.buckets()) {
        EXPECT_EQ(b.firstStep, expectedFirst);
        EXPECT_EQ(b.lastStep - b.firstStep + 1, b.count);
        expectedFirst = b.lastStep + 1;
        counted += b.count;
    }
    EXPECT_EQ(expectedFirst, h.front().step);
    EXPECT_EQ(counted + std::int64_t(h.size()), kSteps);
    // Replaying the same generator gives the first bucket's records: its mean, checked.
    std::mt19937_64 replay(3);
    const vae::StepBucket& first = h.buckets().front();
    double sum = 0, lo = 1e300, hi = -1e300;
    for (std::int64_t i = 1; i <= first.count; ++i) {
        const vae::StepRecord r = record(i, replay);
        sum += r.loss.reconstruction;
        lo = std::min(lo, r.loss.reconstruction);
        hi = std::max(hi, r.loss.reconstruction);
    }
    EXPECT_NEAR(first.mean.reconstruction, sum / double(first.count), 1e-9 * 125.0);
    EXPECT_EQ(first.min.reconstruction, lo);
    EXPECT_EQ(first.max.reconstruction, hi);
}

TEST(StepHistory, RestoringFromPartsGivesAnEqualHistoryThatGrowsTheSameWay)
{
    std::mt19937_64 rng(5);
    vae::StepHistory h(50, 16);
    for (int i = 1; i <= 5000; ++i)
        h.push_back(record(i, rng));
    const std::vector<vae::StepRecord> recent(h.begin(), h.end());
    vae::StepHistory restored(h.buckets(), recent, 50, 16);
    EXPECT_EQ(restored, h);
    EXPECT_EQ(restored.bucketWidth(), h.bucketWidth());
    for (int i = 5001; i <= 9000; ++i) {
        const vae::StepRecord r = record(i, rng);
        h.push_back(r);
        restored.push_back(r);
    }
    EXPECT_EQ(restored, h);
}

TEST(StepHistory, TruncateAfterDropsLaterRecordsAndStraddlingBuckets)
{
    std::mt19937_64 rng(9);
    vae::StepHistory h(10, 4);
    for (int i = 1; i <= 100; ++i)
        h.push_back(record(i, rng));
    h.truncateAfter(95);
    EXPECT_EQ(h.lastStep(), 95);
    EXPECT_EQ(h.count(), 95);
    h.truncateAfter(50); // inside the buckets
    EXPECT_TRUE(h.recent().empty());
    EXPECT_LE(h.lastStep(), 50);
    std::int64_t counted = 0;
    for (const vae::StepBucket& b : h.buckets())
        counted += b.count;
    EXPECT_EQ(h.count(), counted);
    EXPECT_EQ(h.count(), h.lastStep());
    h.truncateAfter(0);
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.count(), 0);
}

TEST(StepHistory, NaNLossMakesTheMeanNaNButNotTheRange)
{
    vae::StepHistory h(1, 2);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    h.push_back({.step = 1, .epoch = 0.1, .loss = {10, 1, -11}});
    h.push_back({.step = 2, .epoch = 0.2, .loss = {nan, 1, nan}});
    h.push_back({.step = 3, .epoch = 0.3, .loss = {30, 3, -33}});
    h.push_back({.step = 4, .epoch = 0.4, .loss = {40, 4, -44}});
    ASSERT_EQ(h.buckets().size(), 2u); // [1, 2] and [3]
    const vae::StepBucket& b = h.buckets()[0];
    EXPECT_EQ(b.count, 2);
    EXPECT_TRUE(std::isnan(b.mean.reconstruction));
    EXPECT_EQ(b.min.reconstruction, 10);
    EXPECT_EQ(b.max.reconstruction, 10);
    EXPECT_EQ(b.mean.kl, 1);
}

TEST(StepHistory, InvalidCapacitiesAreRefused)
{
    EXPECT_THROW(vae::StepHistory(0, 8), std::invalid_argument);
    EXPECT_THROW(vae::StepHistory(8, 1), std::invalid_argument);
}
