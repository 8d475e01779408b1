using System.Diagnostics;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Identity;

/// <summary>
/// A sign-in with an email that has no account costs a password check, as a wrong password does: how long the
/// answer takes does not tell which emails have accounts. Not run beside other tests, for the one timing comparison.
/// </summary>
[Collection(nameof(SignInTimingTests))]
public sealed class SignInTimingTests(SignInTimingTests.CountingHasherApp app) : IClassFixture<SignInTimingTests.CountingHasherApp>
{
    [Fact]
    public async Task An_unknown_email_has_its_password_checked_against_a_hash_as_a_known_email_does()
    {
        using var client = app.CreateBrowserlikeClient();
        var known = app.DemoUser(Roles.Support).Email;

        var before = app.Hasher.Verifications;
        await SsrForm.SignInAsync(client, "nobody-here@example.com", "Not-The-Password-1!");
        var forUnknown = app.Hasher.Verifications - before;
        before = app.Hasher.Verifications;
        await SsrForm.SignInAsync(client, known, "Not-The-Password-1!");
        var forKnown = app.Hasher.Verifications - before;

        Assert.Equal((1, 1), (forUnknown, forKnown));
    }

    [Fact]
    public async Task An_unknown_email_takes_about_as_long_to_refuse_as_a_wrong_password()
    {
        using var client = app.CreateBrowserlikeClient();
        var known = app.DemoUser(Roles.Admin).Email;
        await SsrForm.SignInAsync(client, "warm-up@example.com", "Not-The-Password-1!");

        // Alternating samples, so that a busy moment of the machine slows both alike; medians, and a coarse bound:
        // without the check an unknown email answers in a few milliseconds against about a hundred.
        var (unknown, wrong) = (new List<double>(), new List<double>());
        for (var i = 0; i < 4; i++)
        {
            unknown.Add(await TimeAsync(() => SsrForm.SignInAsync(client, $"nobody-{i}@example.com", "Not-The-Password-1!")));
            wrong.Add(await TimeAsync(() => SsrForm.SignInAsync(client, known, $"Not-The-Password-{i}!")));
        }

        Assert.True(Median(unknown) > Median(wrong) / 2,
            $"An unknown email took {Median(unknown):0} ms (median), a wrong password {Median(wrong):0} ms.");
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> signIn)
    {
        var watch = Stopwatch.StartNew();
        using var response = await signIn();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    /// <summary>The app with its password hasher counted.</summary>
    public sealed class CountingHasherApp : PortalAppFactory
    {
        public CountingPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<PortalUser>>(Hasher));
        }
    }

    /// <summary>Identity's own hasher, counting the checks it makes.</summary>
    public sealed class CountingPasswordHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

[CollectionDefinition(nameof(SignInTimingTests), DisableParallelization = true)]
public sealed class SignInTimingCollection;
