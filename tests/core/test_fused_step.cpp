// The hand-written training step against autograd and torch::optim::Adam.
#include "fused_step.h"
#include "kernels.h"
#include "model.h"
#include "test_support.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

namespace {

/// Reference: the loss with autograd, for the same ε.
torch::Tensor autogradObjective(vae::VaeNet& net, const torch::Tensor& x, const torch::Tensor& eps,
                                double beta, double* rec = nullptr, double* kl = nullptr)
{
    auto [mu, logVar] = net->encode(x);
    const torch::Tensor logits = net->decode(vae::reparameterize(mu, logVar, eps));
    const torch::Tensor r = vae::reconstructionNll(logits, x).mean();
    const torch::Tensor k = vae::klDivergence(mu, logVar).mean();
    if (rec)
        *rec = r.item<double>();
    if (kl)
        *kl = k.item<double>();
    return r + beta * k;
}

/// Every gradient of `fused` within 1e-4 (relative to the largest entry) of autograd's.
void expectGradientsEqual(vae::FusedVaeStep& fused, vae::VaeNet& referenceNet)
{
    const auto reference = referenceNet->named_parameters();
    ASSERT_EQ(reference.size(), fused.gradientViews().size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const torch::Tensor expected = reference[i].value().grad();
        const torch::Tensor actual = fused.gradientViews()[i];
        const double scale = expected.abs().max().item<double>();
        EXPECT_GT(scale, 0.0) << reference[i].key();
        EXPECT_LT((actual - expected).abs().max().item<double>(), 1e-4 * scale + 1e-7)
            << reference[i].key();
    }
}

} // namespace

TEST(FusedStep, GradientsEqualAutograd)
{
    vae::VaeNet fusedNet = vae::makeNet(vae::test::smallNet());
    vae::VaeNet referenceNet = vae::makeNet(vae::test::smallNet()); // same seed, same weights
    vae::FusedVaeStep fused(fusedNet, 16);
    const auto& train = vae::test::mnist()->train;
    const torch::Tensor x = vae::imagesTensor(train.pixels, 10, 784); // a partial batch (10 < 16)
    at::Generator generator = vae::makeGenerator(5);
    const torch::Tensor eps = torch::randn({10, 3}, generator, torch::kFloat32);
    constexpr double kBeta = 2.5;

    const vae::StepValues values = fused.computeGradients(x, eps, kBeta);
    double rec = 0, kl = 0;
    autogradObjective(referenceNet, x, eps, kBeta, &rec, &kl).backward();
    EXPECT_NEAR(values.reconstruction, rec, 1e-4 * rec);
    EXPECT_NEAR(values.kl, kl, 1e-4 * std::max(kl, 1.0));

    EXPECT_EQ(fused.lastShards(), 1);
    expectGradientsEqual(fused, referenceNet);
}

TEST(FusedStep, ShardedGradientsEqualAutograd)
{
    // The data-parallel step: the batch split over 2 and 3 shards (one per pool thread), each
    // gathering its own rows of the training images, gives the same gradient as autograd on the
    // whole batch; so does a batch too small to split (one shard, op-level parallelism).
    at::set_num_threads(2);
    const auto& train = vae::test::mnist()->train;
    const torch::Tensor images = vae::imagesTensor(train.pixels, 1000, 784);
    for (const int shards : {2, 3}) {
        for (const int batch : {100, 40}) {
            SCOPED_TRACE("shards " + std::to_string(shards) + ", batch " + std::to_string(batch));
            vae::VaeNet fusedNet = vae::makeNet(vae::test::smallNet());
            vae::VaeNet referenceNet = vae::makeNet(vae::test::smallNet());
            vae::FusedVaeStep fused(fusedNet, 128, shards);
            at::Generator generator = vae::makeGenerator(6);
            const torch::Tensor indices =
                torch::randperm(1000, generator, torch::kLong).narrow(0, 0, batch);
            const torch::Tensor eps = torch::randn({batch, 3}, generator, torch::kFloat32);
            const torch::Tensor x = torch::empty({batch, 784});
            const vae::StepValues values = fused.computeGradients(images, indices, x, eps, 1.5);
            const int expectedShards =
                batch >= shards * vae::FusedVaeStep::kMinShardRows ? shards : 1;
            EXPECT_EQ(fused.lastShards(), expectedShards);
            EXPECT_TRUE(torch::equal(x, images.index_select(0, indices))); // the gathered batch

            double rec = 0, kl = 0;
            autogradObjective(referenceNet, images.index_select(0, indices), eps, 1.5, &rec, &kl)
                .backward();
            EXPECT_NEAR(values.reconstruction, rec, 1e-4 * rec);
            EXPECT_NEAR(values.kl, kl, 1e-4 * std::max(kl, 1.0));
            expectGradientsEqual(fused, referenceNet);
        }
    }
}

TEST(FusedStep, ShardedAdamStepEqualsOneShard)
{
    // Adam sums the shards' gradients inside its pass (2 shards) or chunk by chunk first (more):
    // after a few steps the weights equal those of the one-shard step, rounding apart.
    at::set_num_threads(2);
    const auto& train = vae::test::mnist()->train;
    const torch::Tensor images = vae::imagesTensor(train.pixels, 128 * 4, 784);
    for (const int shards : {2, 3}) {
        vae::VaeNet oneNet = vae::makeNet(vae::test::smallNet());
        vae::VaeNet shardedNet = vae::makeNet(vae::test::smallNet());
        vae::FusedVaeStep one(oneNet, 128, 1);
        vae::FusedVaeStep sharded(shardedNet, 128, shards);
        at::Generator generator = vae::makeGenerator(8);
        for (int step = 0; step < 4; ++step) {
            const torch::Tensor x = images.narrow(0, 128 * step, 128);
            const torch::Tensor eps = torch::randn({128, 3}, generator, torch::kFloat32);
            one.computeGradients(x, eps, 1.0);
            sharded.computeGradients(x, eps, 1.0);
            EXPECT_EQ(sharded.lastShards(), shards);
            one.adamStep(1e-3);
            sharded.adamStep(1e-3);
        }
        const auto a = oneNet->parameters();
        const auto b = shardedNet->parameters();
        for (std::size_t i = 0; i < a.size(); ++i)
            EXPECT_LT((a[i] - b[i]).abs().max().item<double>(), 1e-5)
                << shards << " shards, parameter " << i;
    }
}

TEST(FusedStep, BernoulliKernelEqualsAten)
{
    // The vectorised BCE-with-logits kernel against ATen's, on logits from −100 to 100 (the
    // exp(−|l|) form never overflows) and grey-level targets.
    at::Generator generator = vae::makeGenerator(3);
    const torch::Tensor logits = torch::cat({torch::randn({6, 784}, generator, torch::kFloat32) * 8,
                                             torch::linspace(-100, 100, 784).view({1, 784})});
    const torch::Tensor x = torch::rand({7, 784}, generator, torch::kFloat32);
    torch::Tensor grad = torch::empty_like(logits);
    constexpr float kScale = 0.25f;
    const double nll = vae::kernels::bernoulliNllWithGradient(
        logits.data_ptr<float>(), x.data_ptr<float>(), grad.data_ptr<float>(), 7, 784, kScale);
    const torch::Tensor l64 = logits.to(torch::kFloat64);
    const torch::Tensor x64 = x.to(torch::kFloat64);
    const double expected =
        torch::binary_cross_entropy_with_logits(l64, x64, {}, {}, at::Reduction::Sum)
            .item<double>();
    EXPECT_NEAR(nll, expected, 1e-5 * expected);
    const torch::Tensor expectedGrad = ((torch::sigmoid(l64) - x64) * kScale).to(torch::kFloat32);
    EXPECT_LT((grad - expectedGrad).abs().max().item<double>(), 1e-6);
}

TEST(FusedStep, AdamMatchesTorchOptimAdam)
{
    // Same gradients into both optimizers (autograd's, copied into the flat buffer): Adam's early
    // steps are ≈ lr·sign(g), so comparing after separately computed gradients would only measure
    // how float rounding flips the sign of near-zero gradients.
    vae::VaeNet fusedNet = vae::makeNet(vae::test::smallNet());
    vae::VaeNet referenceNet = vae::makeNet(vae::test::smallNet());
    vae::FusedVaeStep fused(fusedNet, 32);
    torch::optim::Adam adam(referenceNet->parameters(), torch::optim::AdamOptions(1e-3));
    const auto& train = vae::test::mnist()->train;
    at::Generator generator = vae::makeGenerator(9);
    const auto reference = referenceNet->parameters();
    for (int step = 0; step < 5; ++step) {
        const torch::Tensor x =
            vae::imagesTensor(train.pixels, 32 * (step + 1), 784).narrow(0, 32 * step, 32);
        const torch::Tensor eps = torch::randn({32, 3}, generator, torch::kFloat32);
        adam.zero_grad();
        autogradObjective(referenceNet, x, eps, 1.0).backward();
        for (std::size_t i = 0; i < reference.size(); ++i)
            fused.gradientViews()[i].copy_(reference[i].grad());
        adam.step();
        fused.adamStep(1e-3);
    }
    const auto a = fusedNet->parameters();
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_LT((a[i] - reference[i]).abs().max().item<double>(), 1e-6) << "parameter " << i;
        // The parameters moved: five steps of about lr each.
        EXPECT_GT((a[i] - vae::makeNet(vae::test::smallNet())->parameters()[i]).abs().max().item<double>(),
                  1e-3);
    }
}

TEST(FusedStep, LossCurveMatchesTheAutogradTrainerOnRealMnist)
{
    // 200 steps of the default architecture on real batches: the hand-written step (two shards)
    // and the plain autograd + torch::optim::Adam loop follow the same loss curve (float
    // rounding apart).
    vae::TrainingConfig config;
    config.seed = 4;
    vae::VaeNet fusedNet = vae::makeNet(config);
    vae::VaeNet referenceNet = vae::makeNet(config);
    at::set_num_threads(2);
    vae::FusedVaeStep fused(fusedNet, 128, 2); // as the trainer runs it on 2 threads
    torch::optim::Adam adam(referenceNet->parameters(), torch::optim::AdamOptions(1e-3));
    const auto& train = vae::test::mnist()->train;
    const torch::Tensor images = vae::imagesTensor(train.pixels, train.count, 784);
    at::Generator generator = vae::makeGenerator(10);
    double fusedLate = 0, referenceLate = 0, fusedFirst = 0;
    constexpr int kSteps = 200;
    for (int step = 0; step < kSteps; ++step) {
        const torch::Tensor x = images.narrow(0, 128 * step, 128);
        const torch::Tensor eps = torch::randn({128, 2}, generator, torch::kFloat32);
        const vae::StepValues v = fused.computeGradients(x, eps, 1.0);
        fused.adamStep(1e-3);
        double rec = 0, kl = 0;
        adam.zero_grad();
        autogradObjective(referenceNet, x, eps, 1.0, &rec, &kl).backward();
        adam.step();
        if (step == 0) {
            fusedFirst = v.reconstruction + v.kl;
            EXPECT_NEAR(fusedFirst, rec + kl, 1e-3);
        }
        if (step >= kSteps - 20) {
            fusedLate += (v.reconstruction + v.kl) / 20;
            referenceLate += (rec + kl) / 20;
        }
    }
    EXPECT_LT(fusedLate, fusedFirst - 200.0); // it learned (≈ 543 → ≈ 190 nats)
    EXPECT_NEAR(fusedLate, referenceLate, 0.01 * referenceLate)
        << "fused " << fusedLate << " vs autograd " << referenceLate;
}
