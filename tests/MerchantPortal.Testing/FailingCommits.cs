using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MerchantPortal.Testing;

/// <summary>
/// Makes a chosen database commit fail, as if the process died between a call to the outside world (Stripe)
/// and writing down its result. Registered as an EF Core interceptor in the test host; harmless until armed.
/// </summary>
public sealed class FailingCommits : DbTransactionInterceptor
{
    private int _commitsToLetThrough = -1;

    /// <summary>Lets <paramref name="commitsFirst"/> commits through, then fails the next one (only that one).</summary>
    public void FailCommit(int commitsFirst = 0) => Interlocked.Exchange(ref _commitsToLetThrough, commitsFirst);

    public int Failed { get; private set; }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Check();
        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Check();
        return base.TransactionCommitting(transaction, eventData, result);
    }

    private void Check()
    {
        var left = Interlocked.Decrement(ref _commitsToLetThrough);
        if (left == -1)
        {
            Failed++;
            throw new InvalidOperationException("The process stopped before the commit (simulated).");
        }

        if (left < -1)
        {
            Interlocked.Exchange(ref _commitsToLetThrough, -1);
        }
    }
}
