using System.Collections.Concurrent;
using MerchantPortal.Email;

namespace MerchantPortal.Testing;

/// <summary>An email transport that keeps what the app sends, so tests can follow the links.</summary>
public sealed class CapturedEmails : IEmailTransport
{
    private readonly ConcurrentQueue<CapturedEmail> _sent = new();

    public IReadOnlyCollection<CapturedEmail> Sent => _sent;

    public Task SendAsync(string to, string subject, string htmlBody, string? link)
    {
        _sent.Enqueue(new CapturedEmail(to, subject, htmlBody, link));
        return Task.CompletedTask;
    }

    public CapturedEmail LastTo(string address) => _sent.Last(e => string.Equals(e.To, address, StringComparison.OrdinalIgnoreCase));
}

public sealed record CapturedEmail(string To, string Subject, string HtmlBody, string? Link);
