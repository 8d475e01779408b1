using MerchantPortal.Auditing;

namespace MerchantPortal.UnitTests.Auditing;

public sealed class AuditChangeTests
{
    [Fact]
    public void Diff_keeps_only_the_fields_that_changed_in_the_given_order()
    {
        var changes = AuditChange.Diff(("name", "Nora", "Nora M."), ("email", "n@x.test", "n@x.test"), ("phone", null, "+15550100"));

        Assert.Equal([new AuditChange("name", "Nora", "Nora M."), new AuditChange("phone", null, "+15550100")], changes);
    }

    [Fact]
    public void Diff_compares_exactly()
    {
        Assert.Single(AuditChange.Diff(("name", "nora", "Nora")));
        Assert.Empty(AuditChange.Diff(("name", null, null)));
    }
}
