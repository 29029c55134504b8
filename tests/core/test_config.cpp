#include "vae/config.h"
#include "vae/errors.h"

#include <gtest/gtest.h>

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
    EXPECT_NE(messageFor([](auto& c) { c.hiddenSizes = {}; }).find("hidden sizes"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.hiddenSizes = {512, 0}; }).find("hidden size"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.epochs = 0; }).find("epochs"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.learningRate = 0; }).find("learning rate"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.beta = -1; }).find("beta"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.batchSize = 0; }).find("batch size"), std::string::npos);
    EXPECT_NE(messageFor([](auto& c) { c.batchSize = 1000; }, 500).find("larger than the training set"),
              std::string::npos);
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
    EXPECT_THROW((void)vae::TrainingConfig::fromJson("{\"latent_dim\": \"two\"}"), vae::ConfigError);
    EXPECT_THROW((void)vae::TrainingConfig::fromJson("not json"), vae::ConfigError);
}

TEST(TrainingConfig, HiddenSizesParse)
{
    EXPECT_EQ(vae::parseHiddenSizes("512,256"), (std::vector<int>{512, 256}));
    EXPECT_EQ(vae::parseHiddenSizes(" 400 "), (std::vector<int>{400}));
    EXPECT_EQ(vae::formatHiddenSizes({512, 256}), "512,256");
    for (const char* bad : {"", "512,", "a,b", "0", "-5", "512;256", "12x"})
        EXPECT_THROW((void)vae::parseHiddenSizes(bad), vae::ConfigError) << bad;
}
