using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;

namespace MerchantPortal.UnitTests.Refunds;

public sealed class RefundAllocationTests
{
    private static readonly Currency Usd = Currency.Of("USD");

    [Fact]
    public void The_worked_example_of_the_documentation_refunds_the_line_share_of_price_fee_and_tax()
    {
        // 5 × $20.00 keys, 2.5% fee, 8.25% tax: $100.00 + $2.50 + $8.25 = $110.75; 2 delivered, 3 undelivered.
        var line = new LineMoney(5, 10_000, 250, 825, 11_075, Usd);

        var first = RefundAllocation.ShareOf(line, delivered: 2, UnitSlots.Empty, 0, units: 1);
        var rest = RefundAllocation.ShareOf(line, delivered: 2, first.Slots, first.AmountMinor, units: 2);

        Assert.Equal(("4", 2_000L, 50L, 165L), (first.Slots.ToString(), first.SubtotalMinor, first.FeeMinor, first.TaxMinor));
        Assert.Equal(("2-3", 4_000L, 100L, 330L), (rest.Slots.ToString(), rest.SubtotalMinor, rest.FeeMinor, rest.TaxMinor));
        Assert.Equal(6_645, first.AmountMinor + rest.AmountMinor);
    }

    [Fact]
    public void Rounding_leftovers_stay_with_the_delivered_units_so_refunds_never_take_more_than_the_share()
    {
        // $10.00 over 3 units is 3.34 + 3.33 + 3.33: the first position carries the extra cent.
        var line = new LineMoney(3, 1_000, 0, 0, 1_000, Usd);

        var one = RefundAllocation.ShareOf(line, delivered: 0, UnitSlots.Empty, 0, units: 1);
        var all = RefundAllocation.ShareOf(line, delivered: 0, one.Slots, one.AmountMinor, units: 2);

        Assert.Equal(333, one.AmountMinor);
        Assert.Equal(667, all.AmountMinor);
    }

    [Fact]
    public void Nothing_can_be_refunded_beyond_what_was_charged_for_the_line()
    {
        // Charged only for the two delivered units (as a later authorise-then-capture flow would): nothing is refundable.
        var line = new LineMoney(5, 10_000, 0, 0, 4_000, Usd);

        var share = RefundAllocation.ShareOf(line, delivered: 2, UnitSlots.Empty, 0, units: 3);

        Assert.Equal(0, share.AmountMinor);
    }

    [Fact]
    public void Asking_for_more_units_than_are_left_is_a_programming_error()
    {
        var line = new LineMoney(3, 900, 0, 0, 900, Usd);

        Assert.Throws<ArgumentOutOfRangeException>(() => RefundAllocation.ShareOf(line, delivered: 2, UnitSlots.Parse("2"), 300, units: 1));
    }

    [Property(MaxTest = 400)]
    public Property Partial_refunds_of_every_undelivered_unit_add_up_exactly_to_the_paid_share_of_those_units()
    {
        var scenarios = from line in Lines()
                        from delivered in Gen.Choose(0, line.Units)
                        from count in Gen.Choose(0, 6)
                        from cuts in Gen.ListOf(Gen.Choose(1, line.Units), count)
                        select (line, delivered, cuts);
        return Prop.ForAll(scenarios.ToArbitrary(), s =>
        {
            var (line, delivered, cuts) = s;
            var held = UnitSlots.Empty;
            long refunded = 0;
            var ok = true;
            foreach (var n in Steps(line.Units - delivered, cuts))
            {
                var share = RefundAllocation.ShareOf(line, delivered, held, refunded, n);
                ok &= share.SubtotalMinor >= 0 && share.FeeMinor >= 0 && share.TaxMinor >= 0;
                held = UnitSlots.Union([held, share.Slots]);
                refunded += share.AmountMinor;
                ok &= refunded <= PaidShareOfUndelivered(line, delivered);
            }

            return ok && refunded == PaidShareOfUndelivered(line, delivered);
        });
    }

    [Property(MaxTest = 300)]
    public Property Refunds_failing_and_units_delivered_later_never_return_more_than_was_paid()
    {
        var scenarios = from line in Lines()
                        from count in Gen.Choose(1, 25)
                        from ops in Gen.ListOf(Gen.Choose(0, 1000), count)
                        select (line, ops);
        return Prop.ForAll(scenarios.ToArbitrary(), s =>
        {
            var (line, ops) = s;
            var refunds = new List<RefundShare>();
            var delivered = 0;
            var ok = true;
            foreach (var op in ops)
            {
                var held = UnitSlots.Union(refunds.Select(r => r.Slots));
                var remaining = line.Units - delivered - held.Count;
                switch (op % 3)
                {
                    case 0 when remaining > 0:
                        var share = RefundAllocation.ShareOf(line, delivered, held, refunds.Sum(r => r.AmountMinor), 1 + (op % remaining));
                        ok &= share.AmountMinor >= 0;
                        refunds.Add(share);
                        break;
                    case 1 when refunds.Count > 0:
                        refunds.RemoveAt(op % refunds.Count);
                        break;
                    case 2 when remaining > 0:
                        delivered += 1 + (op % remaining);
                        break;
                }

                ok &= refunds.Sum(r => r.AmountMinor) + DeliveredValue(line, delivered, refunds) <= line.TotalMinor;
            }

            // Whatever happened, refunding everything left returns exactly what the undelivered units were paid.
            var rest = line.Units - delivered - refunds.Sum(r => r.Slots.Count);
            if (rest > 0)
            {
                refunds.Add(RefundAllocation.ShareOf(line, delivered, UnitSlots.Union(refunds.Select(r => r.Slots)), refunds.Sum(r => r.AmountMinor), rest));
            }

            return ok && refunds.Sum(r => r.AmountMinor) + DeliveredValue(line, delivered, refunds) == line.TotalMinor;
        });
    }

    /// <summary>A line priced as the portal prices it: unit price × units, then fee and tax on the subtotal, in a currency of any exponent.</summary>
    private static Gen<LineMoney> Lines() =>
        from currency in Gen.Elements("USD", "JPY", "KWD", "EUR")
        from units in Gen.Choose(1, 40)
        from unitPrice in Gen.Choose(1, 250_000)
        from feeBps in Gen.Choose(0, 3_000)
        from taxBps in Gen.Choose(0, 3_000)
        let money = new Money((long)unitPrice * units, Currency.Of(currency))
        let fee = money.MultiplyBasisPoints(feeBps).Minor
        let tax = money.MultiplyBasisPoints(taxBps).Minor
        select new LineMoney(units, money.Minor, fee, tax, money.Minor + fee + tax, Currency.Of(currency));

    /// <summary>Random cuts of <paramref name="total"/> units into partial refunds, ending with whatever is left.</summary>
    private static IEnumerable<int> Steps(int total, IReadOnlyList<int> cuts)
    {
        var left = total;
        foreach (var cut in cuts)
        {
            if (left == 0)
            {
                yield break;
            }

            var n = Math.Min(left, cut);
            left -= n;
            yield return n;
        }

        if (left > 0)
        {
            yield return left;
        }
    }

    /// <summary>The paid share of the units after the first <paramref name="delivered"/>, straight from <see cref="Money.Allocate(int)"/>.</summary>
    private static long PaidShareOfUndelivered(LineMoney line, int delivered) =>
        new[] { line.SubtotalMinor, line.FeeMinor, line.TaxMinor }
            .Sum(amount => new Money(amount, line.Currency).Allocate(line.Units).Skip(delivered).Sum(p => p.Minor));

    private static long DeliveredValue(LineMoney line, int delivered, IEnumerable<RefundShare> refunds)
    {
        var slots = UnitSlots.Union(refunds.Select(r => r.Slots)).LowestFree(line.Units, delivered);
        return RefundAllocation.ValueOf(line.SubtotalMinor, line, slots) + RefundAllocation.ValueOf(line.FeeMinor, line, slots)
            + RefundAllocation.ValueOf(line.TaxMinor, line, slots);
    }
}
