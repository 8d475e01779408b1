using System.Globalization;
using System.Text.RegularExpressions;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Refunds;

namespace MerchantPortal.Web.Features.Refunds;

/// <summary>
/// What the refund dialog collects — units per line, destination, reason and note — and where the service's
/// errors belong: <c>lines[i].quantity</c> at the i-th line of the request sent, <c>note</c> and <c>destination</c>
/// at their fields, anything else in the dialog's alert.
/// </summary>
public sealed partial class RefundForm
{
    public RefundForm(RefundableOrder order)
    {
        Order = order;
        Lines = [.. order.Lines.Where(l => l.RemainingUnits > 0).Select(l => new RefundFormLine(l))];
        Destination = order.DefaultDestination;
    }

    public RefundableOrder Order { get; private set; }

    /// <summary>The lines that had units left to refund when the dialog opened.</summary>
    public IReadOnlyList<RefundFormLine> Lines { get; }

    public RefundDestination Destination { get; set; }

    public RefundReason Reason { get; set; } = RefundReason.Undelivered;

    public string? Note { get; set; }

    public string? NoteError { get; set; }

    public string? DestinationError { get; set; }

    /// <summary>An error that names no field of the dialog.</summary>
    public string? GeneralError { get; set; }

    public bool NoteRequired => Reason == RefundReason.Other;

    public bool HasErrors => GeneralError is not null || NoteError is not null || DestinationError is not null || Lines.Any(l => l.Error is not null);

    /// <summary>The lines with units chosen, in the order the request names them (the <c>i</c> of the service's <c>lines[i]</c>).</summary>
    public IReadOnlyList<RefundFormLine> Selected() => [.. Lines.Where(l => l.Units is not (null or 0))];

    public static IReadOnlyList<RefundLineRequest> Requests(IReadOnlyList<RefundFormLine> selected) =>
        [.. selected.Select(l => new RefundLineRequest(l.Line.LineId, l.Units ?? 0))];

    /// <summary>Chooses every unit that is left on every line.</summary>
    public void SelectAll()
    {
        foreach (var line in Lines)
        {
            line.Units = line.Line.RemainingUnits;
            line.Error = null;
        }
    }

    /// <summary>Takes the order as it is now (another refund or a delivery may have taken units meanwhile), keeping what was chosen.</summary>
    public void Update(RefundableOrder fresh)
    {
        Order = fresh;
        foreach (var line in Lines)
        {
            line.Line = fresh.Lines.FirstOrDefault(l => l.LineId == line.Line.LineId) ?? line.Line;
        }
    }

    /// <summary>The service's rule, checked before the confirmation step so the agent hears it at the field at once.</summary>
    public Error? CheckNote() => NoteRequired && string.IsNullOrWhiteSpace(Note) ? RefundErrors.NoteRequired
        : Note?.Trim().Length > RefundErrors.MaxNoteLength ? RefundErrors.NoteTooLong : null;

    /// <summary>What is wrong with the note: the service's answer, or its length limit said while typing.</summary>
    public string? NoteMessage => NoteError ?? (Note?.Trim().Length > RefundErrors.MaxNoteLength ? RefundErrors.NoteTooLong.Message : null);

    public void ClearErrors()
    {
        GeneralError = null;
        NoteError = null;
        DestinationError = null;
        foreach (var line in Lines)
        {
            line.Error = null;
        }
    }

    /// <summary>Puts <paramref name="error"/> next to the field it names; <paramref name="sent"/> are the lines of the request it answers.</summary>
    public void ShowError(Error error, IReadOnlyList<RefundFormLine> sent)
    {
        switch (error.Field)
        {
            case "note":
                NoteError = error.Message;
                return;
            case "destination":
                DestinationError = error.Message;
                return;
        }

        if (error.Field is { } field && LinePath().Match(field) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sent.Count)
        {
            sent[index].Error = error.Message;
            return;
        }

        GeneralError = error.Message;
    }

    [GeneratedRegex(@"^lines\[(\d+)\]\.")]
    private static partial Regex LinePath();
}

/// <summary>One line of the refund dialog: the line as the service sees it, and the units chosen.</summary>
public sealed class RefundFormLine(RefundableLine line)
{
    public RefundableLine Line { get; internal set; } = line;

    /// <summary>The units to refund as typed; empty reads as none. Not clamped, so a typed excess reaches the service and its error shows.</summary>
    public int? Units { get; set; }

    public string? Error { get; set; }

    /// <summary>A top-up or a service is one unit: refunded whole or not at all.</summary>
    public bool IsSingleUnit => Line.Type != ProductType.Key;

    /// <summary>The bound of the units input, in words: "Up to 3".</summary>
    public string Hint => Line.RemainingUnits == 0 ? "Nothing is left to refund" : $"Up to {Line.RemainingUnits}";
}
