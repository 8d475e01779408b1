using MerchantPortal.Approvals;
using MerchantPortal.Web.Security;

namespace MerchantPortal.Web.Features.Support;

/// <summary>
/// How many approvals wait for a second person, for the current circuit: the navigation's badge shows it and the
/// support queue's approvals tab counts with it. Whoever changes the count (the queue, after approving or rejecting)
/// refreshes it, and every component showing it hears <see cref="Changed"/>.
/// </summary>
public sealed class PendingApprovals(ApprovalService approvals, CurrentUser currentUser)
{
    /// <summary>The last count read; zero for users who cannot decide approvals.</summary>
    public int Count { get; private set; }

    /// <summary>Raised on the circuit's context when <see cref="Count"/> changes.</summary>
    public event Action? Changed;

    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var count = await approvals.CountPendingAsync(await currentUser.GetActorAsync(), ct);
        if (count != Count)
        {
            Count = count;
            Changed?.Invoke();
        }
    }
}
