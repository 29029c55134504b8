// RunFolder: a run folder read while a script writes it (docs/follow-runs.md).
#include "vae/errors.h"
#include "vae/run_folder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

class RunFolderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("vae_run_folder_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        writeRunJson(2);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    void writeRunJson(int latentDim)
    {
        std::ofstream(m_dir / "run.json")
            << R"({"format": "vae-explorer-run/1", "world_size": 2,
                   "config": {"latent_dim": )"
            << latentDim << R"(, "hidden_sizes": [64], "batch_size": 128, "epochs": 3},
                   "data": {"name": "MNIST", "source": "mnist", "height": 28, "width": 28,
                            "channels": 1, "values": "unit-interval",
                            "class_names": ["0","1","2","3","4","5","6","7","8","9"]}})";
    }
    void append(const std::string& text)
    {
        std::ofstream(m_dir / "history.jsonl", std::ios::app) << text;
    }
    static std::string step(int n)
    {
        return R"({"kind": "step", "step": )" + std::to_string(n) + R"(, "epoch": )" +
               std::to_string(n / 10.0) +
               R"(, "reconstruction": 150.5, "kl": 4.5, "elbo": -155, "beta": 1, "learning_rate": 0.001})" +
               "\n";
    }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(RunFolderTest, ReadsRunJsonAndAppendedLinesButNotAHalfWrittenOne)
{
    vae::RunFolder run(m_dir);
    EXPECT_EQ(run.config().latentDim, 2);
    EXPECT_EQ(run.config().hiddenSizes, std::vector<int>{64});
    EXPECT_EQ(run.config().inputSize, 784) << "from the data when the config does not say";
    EXPECT_EQ(run.description().name, "MNIST");
    EXPECT_EQ(run.worldSize(), 2);
    EXPECT_TRUE(run.poll().empty()) << "no history.jsonl yet";
    EXPECT_FALSE(run.checkpointStamp().has_value());

    append(step(1) + step(2));
    std::string third = step(3);
    append(third.substr(0, 40)); // being written
    vae::RunFolder::Update u = run.poll();
    ASSERT_EQ(u.steps.size(), 2u);
    EXPECT_EQ(u.steps[1].step, 2);
    EXPECT_DOUBLE_EQ(u.steps[1].loss.reconstruction, 150.5);
    EXPECT_DOUBLE_EQ(u.steps[1].loss.elbo, -155.0);
    EXPECT_DOUBLE_EQ(u.steps[1].learningRate, 0.001);
    EXPECT_TRUE(u.problems.empty());
    EXPECT_TRUE(run.poll().empty()) << "the half line is not read";

    append(third.substr(40));
    append(R"({"kind": "epoch", "epoch": 1, "fraction": 1, "train": {"reconstruction": 160, "kl": 4},)"
           R"( "test": {"reconstruction": 158, "kl": null}, "seconds": 2.5, "samples_per_second": 24000})"
           "\n");
    append(R"({"kind": "end", "status": "finished"})" "\n");
    u = run.poll();
    ASSERT_EQ(u.steps.size(), 1u);
    EXPECT_EQ(u.steps[0].step, 3);
    ASSERT_EQ(u.epochs.size(), 1u);
    EXPECT_DOUBLE_EQ(u.epochs[0].train.elbo, -164.0);
    EXPECT_TRUE(std::isnan(u.epochs[0].test.kl)) << "null is how a NaN loss is written";
    EXPECT_DOUBLE_EQ(u.epochs[0].samplesPerSecond, 24000.0);
    EXPECT_EQ(u.ended, std::optional<std::string>("finished"));
}

TEST_F(RunFolderTest, BadLinesAreSkippedAndNamedWithTheirLineNumber)
{
    vae::RunFolder run(m_dir);
    append(step(1) + "not json\n" + R"({"kind": "gossip"})" "\n" + step(1) +
           R"({"kind": "step", "step": 2, "epoch": "one", "reconstruction": 1, "kl": 1})" "\n" +
           "\n" + step(2));
    const vae::RunFolder::Update u = run.poll();
    ASSERT_EQ(u.steps.size(), 2u);
    EXPECT_EQ(u.steps[1].step, 2);
    ASSERT_EQ(u.problems.size(), 4u);
    EXPECT_NE(u.problems[0].find("history.jsonl line 2: not a JSON record"), std::string::npos)
        << u.problems[0];
    EXPECT_NE(u.problems[1].find("line 3: unknown kind \"gossip\""), std::string::npos)
        << u.problems[1];
    EXPECT_NE(u.problems[2].find("line 4: step record: step 1 does not follow step 1"),
              std::string::npos)
        << u.problems[2];
    EXPECT_NE(u.problems[3].find("line 5: step record: \"epoch\" is \"one\", not a number"),
              std::string::npos)
        << u.problems[3];
}

TEST_F(RunFolderTest, ALineLongerThanTheLimitIsSkippedWithoutHoldingTheReader)
{
    vae::RunFolder run(m_dir);
    append(std::string(vae::RunFolder::kMaxLineBytes + 10, 'x')); // no newline yet
    vae::RunFolder::Update u = run.poll();
    ASSERT_EQ(u.problems.size(), 1u);
    EXPECT_NE(u.problems[0].find("line 1: longer than 1 MiB"), std::string::npos) << u.problems[0];
    append("yyy\n" + step(1));
    u = run.poll();
    EXPECT_TRUE(u.problems.empty());
    ASSERT_EQ(u.steps.size(), 1u);
    EXPECT_EQ(u.steps[0].step, 1);
}

TEST_F(RunFolderTest, ANewRunInTheFolderRestartsTheRecords)
{
    vae::RunFolder run(m_dir);
    append(step(1) + step(2) + step(3));
    EXPECT_EQ(run.poll().steps.size(), 3u);
    // open_run truncates history.jsonl: the new run's step 1 follows.
    std::ofstream(m_dir / "history.jsonl", std::ios::trunc) << step(1);
    vae::RunFolder::Update u = run.poll();
    EXPECT_TRUE(u.restarted);
    ASSERT_EQ(u.steps.size(), 1u);
    EXPECT_EQ(u.steps[0].step, 1);
    // run.json rewritten with another model.
    writeRunJson(10);
    u = run.poll();
    EXPECT_TRUE(u.restarted);
    EXPECT_EQ(run.config().latentDim, 10);
}

TEST_F(RunFolderTest, AMissingOrInvalidRunIsADataErrorNamingTheFile)
{
    auto errorOf = [](const std::filesystem::path& folder) {
        try {
            vae::RunFolder run(folder);
        } catch (const vae::DataError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(errorOf(m_dir / "nowhere").find("nowhere: no such folder"), std::string::npos);
    std::filesystem::create_directories(m_dir / "empty");
    EXPECT_NE(errorOf(m_dir / "empty").find("empty/run.json: no such file"), std::string::npos);
    std::ofstream(m_dir / "run.json", std::ios::trunc) << "{\"format\": \"other\"}";
    EXPECT_NE(errorOf(m_dir).find("run.json: not a run description"), std::string::npos);
    std::ofstream(m_dir / "run.json", std::ios::trunc)
        << R"({"format": "vae-explorer-run/1", "config": {"latent_dim": 0}, "data": {}})";
    EXPECT_NE(errorOf(m_dir).find("run.json: "), std::string::npos) << errorOf(m_dir);
    std::ofstream(m_dir / "run.json", std::ios::trunc) << "{\"format\": ";
    EXPECT_NE(errorOf(m_dir).find("run.json: not valid JSON"), std::string::npos);

    writeRunJson(2);
    vae::RunFolder run(m_dir);
    std::filesystem::remove_all(m_dir);
    EXPECT_THROW((void)run.poll(), vae::DataError) << "the folder deleted while followed";
    std::filesystem::create_directories(m_dir);
}

TEST_F(RunFolderTest, TheCheckpointStampChangesWhenANewCheckpointIsWritten)
{
    vae::RunFolder run(m_dir);
    std::ofstream(run.checkpointPath()) << "first";
    const auto first = run.checkpointStamp();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->size, 5u);
    std::ofstream(run.checkpointPath(), std::ios::trunc) << "second!";
    const auto second = run.checkpointStamp();
    ASSERT_TRUE(second.has_value());
    EXPECT_NE(*first, *second);
}
