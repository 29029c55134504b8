#include "vae/config.h"
#include "vae/errors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>

TEST(TrainingConfig, DefaultsMatchTheDocumentedOnes)
{
    const vae::TrainingConfig c;
    EXPECT_EQ(c.latentDim, 2);
    EXPECT_EQ(c.hiddenSizes, (std::vector<int>{512, 256, 256}));
    EXPECT_EQ(c.hiddenSizes, vae::TrainingConfig::defaultHiddenSizes(c.latentDim));
    EXPECT_EQ(vae::TrainingConfig::defaultHiddenSizes(20), (std::vector<int>{512, 256}));
    EXPECT_EQ(c.batchSize, 128);
    EXPECT_DOUBLE_EQ(c.learningRate, 2e-3);
    EXPECT_EQ(c.lrSchedule, "cosine");
    EXPECT_EQ(c.warmupSteps, 200);
    EXPECT_DOUBLE_EQ(c.beta, 1.0);
    EXPECT_EQ(c.threads, 0);
    EXPECT_GE(c.effectiveThreads(), 1);
    EXPECT_NO_THROW(c.validate(60000));
}

TEST(TrainingConfig, AllCoresFollowsOmpNumThreadsWhenValid)
{
    const char* saved = std::getenv("OMP_NUM_THREADS");
    const std::string previous = saved ? saved : "";
    vae::TrainingConfig c; // threads 0: all cores
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    ::setenv("OMP_NUM_THREADS", "3", 1);
    EXPECT_EQ(c.effectiveThreads(), 3);
    c.threads = 5; // an explicit count wins
    EXPECT_EQ(c.effectiveThreads(), 5);
    c.threads = 0;
    for (const char* bad : {"0", "-2", "abc", "4x", "", "100000"}) {
        ::setenv("OMP_NUM_THREADS", bad, 1);
        EXPECT_EQ(c.effectiveThreads(), cores) << "OMP_NUM_THREADS=\"" << bad << "\"";
    }
    ::unsetenv("OMP_NUM_THREADS");
    EXPECT_EQ(c.effectiveThreads(), cores);
    if (saved)
        ::setenv("OMP_NUM_THREADS", previous.c_str(), 1);
}

TEST(TrainingConfig, ValidationNamesTheField)
{
    auto messageFor = [](auto mutate, long long trainSize = -1) {
        vae::TrainingConfig c;
        mutate(c);
        try {
            c.validate(trainSize);
        } catch (const vae::ConfigError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(messageFor([](auto& c) { c.latentDim = 0; }).find("latent dim"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.hiddenSizes = {}; }).find("hidden sizes"),
              std::string::npos);
    EXPECT_NE(messageFor([](auto& c) {
                  c.hiddenSizes = {512, 0};
              }).find("hidden size"),
              std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.epochs = 0; }).find("epochs"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.learningRate = 0; }).find("learning rate"),
              std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.beta = -1; }).find("beta"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.batchSize = 0; }).find("batch size"), std::string::npos);
    EXPECT_NE(
        messageFor([](auto& c) { c.batchSize = 1000; }, 500).find("larger than the training set"),
        std::string::npos);
}

// Bad input (docs/reliability.md, "Bad input"): absurd sizes are refused before anything is allocated, and the
// error names the field (ConfigError::field(), the JSON key) so a front end can name its control.
TEST(TrainingConfig, BoundsAbsurdValuesAndNamesTheField)
{
    auto errorFor = [](auto mutate,
                       long long trainSize = -1) -> std::pair<std::string, std::string> {
        vae::TrainingConfig c;
        mutate(c);
        try {
            c.validate(trainSize);
        } catch (const vae::ConfigError& e) {
            return {e.field(), e.what()};
        }
        return {"", "no error"};
    };
    using Pair = std::pair<std::string, std::string>;
    EXPECT_EQ(errorFor([](auto& c) { c.latentDim = 100000; }),
              Pair("latent_dim", "latent dim must be between 1 and 512, got 100000"));
    EXPECT_EQ(errorFor([](auto& c) {
                  c.hiddenSizes = {16384, 16384, 16384};
              }).first,
              "hidden_sizes");
    EXPECT_NE(errorFor([](auto& c) {
                  c.hiddenSizes = {16384, 16384, 16384};
              }).second.find("the model would have 1099629332 weights"),
              std::string::npos);
    // The largest single layer still fits: 784·16384 + 16384·1024 + … ≈ 51 M weights.
    EXPECT_EQ(errorFor([](auto& c) {
                  c.hiddenSizes = {16384};
                  c.latentDim = 512;
              }).second,
              "no error");
    EXPECT_EQ(errorFor([](auto& c) { c.batchSize = 10000000; }),
              Pair("batch_size", "batch size must be between 1 and 1000000, got 10000000"));
    EXPECT_EQ(errorFor([](auto& c) {
                  c.hiddenSizes = {16384};
                  c.batchSize = 20000;
              }).first,
              "batch_size");
    EXPECT_EQ(errorFor([](auto& c) { c.learningRate = std::nan(""); }),
              Pair("learning_rate", "learning rate must be in (0, 10), got nan"));
    EXPECT_EQ(errorFor([](auto& c) { c.learningRate = -2.5e-7; }).second,
              "learning rate must be in (0, 10), got -2.5e-07");
    EXPECT_EQ(errorFor([](auto& c) { c.timeBudgetSeconds = 1e12; }).first, "time_budget_seconds");
    EXPECT_EQ(errorFor([](auto& c) { c.warmupSteps = 2000000000; }).first, "warmup_steps");
    EXPECT_EQ(errorFor([](auto& c) { c.trainSubset = 70000; }, 60000),
              Pair("train_subset", "train subset 70000 is larger than the training set (60000 "
                                   "images): use 0 (all) or at most 60000"));
    EXPECT_EQ(errorFor(
                  [](auto& c) {
                      c.trainSubset = 100;
                      c.batchSize = 128;
                  },
                  60000),
              Pair("batch_size", "batch size 128 is larger than the training set (the train "
                                 "subset: 100 of 60000 images): use a batch size of at most 100"));
    // Parse errors of the hidden sizes name the field too.
    try {
        (void)vae::parseHiddenSizes("400,,");
        FAIL() << "no error";
    } catch (const vae::ConfigError& e) {
        EXPECT_EQ(e.field(), "hidden_sizes");
    }
}

TEST(TrainingConfig, JsonRoundTrip)
{
    vae::TrainingConfig c;
    c.latentDim = 20;
    c.hiddenSizes = {400};
    c.epochs = 7;
    c.batchSize = 64;
    c.learningRate = 3e-4;
    c.beta = 4.0;
    c.seed = 1234567890123ull;
    c.threads = 2;
    c.trainSubset = 2000;
    EXPECT_EQ(vae::TrainingConfig::fromJson(c.toJson()), c);
    EXPECT_THROW((void)vae::TrainingConfig::fromJson("{\"latent_dim\": \"two\"}"),
                 vae::ConfigError);
    EXPECT_THROW((void)vae::TrainingConfig::fromJson("not json"), vae::ConfigError);
}

TEST(TrainingConfig, LikelihoodJsonRoundTripAndOldConfigs)
{
    vae::TrainingConfig c;
    EXPECT_EQ(c.likelihood, vae::Likelihood::Bernoulli);
    for (vae::Likelihood l : {vae::Likelihood::Bernoulli, vae::Likelihood::ContinuousBernoulli,
                              vae::Likelihood::Gaussian}) {
        c.likelihood = l;
        EXPECT_NE(c.toJson().find("\"likelihood\":\"" + std::string(vae::likelihoodName(l)) + "\""),
                  std::string::npos)
            << c.toJson();
        EXPECT_EQ(vae::TrainingConfig::fromJson(c.toJson()), c);
    }
    // A config written before the key existed is a Bernoulli model.
    EXPECT_EQ(vae::TrainingConfig::fromJson("{\"latent_dim\": 3}").likelihood,
              vae::Likelihood::Bernoulli);
    EXPECT_EQ(
        vae::TrainingConfig::fromJson("{\"likelihood\": \"continuous-bernoulli\"}").likelihood,
        vae::Likelihood::ContinuousBernoulli);
    try {
        (void)vae::TrainingConfig::fromJson("{\"likelihood\": \"laplace\"}");
        ADD_FAILURE() << "laplace was accepted";
    } catch (const vae::ConfigError& e) {
        EXPECT_EQ(e.field(), "likelihood");
    }
    EXPECT_THROW((void)vae::TrainingConfig::fromJson("{\"likelihood\": 1}"), vae::ConfigError);
}

TEST(TrainingConfig, HiddenSizesParse)
{
    EXPECT_EQ(vae::parseHiddenSizes("512,256"), (std::vector<int>{512, 256}));
    EXPECT_EQ(vae::parseHiddenSizes(" 400 "), (std::vector<int>{400}));
    EXPECT_EQ(vae::formatHiddenSizes({512, 256}), "512,256");
    for (const char* bad : {"", "512,", "a,b", "0", "-5", "512;256", "12x"})
        EXPECT_THROW((void)vae::parseHiddenSizes(bad), vae::ConfigError) << bad;
}
