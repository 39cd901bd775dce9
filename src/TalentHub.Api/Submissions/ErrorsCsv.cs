using System.Globalization;
using System.Text;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Submissions;

/// <summary>
/// All errors of a submission as CSV, streamed. Text cells that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or carriage return) are prefixed with ' (docs/domain/records.md#csv-output); numeric cells stay
/// numbers.
/// </summary>
public static class ErrorsCsv
{
    public static async Task WriteAsync(HttpContext http, Guid submissionId, IAsyncEnumerable<StagedRecordError> errors, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"submission-{submissionId}-errors.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
        await writer.WriteAsync("recordIndex,line,nip,pointer,code,message\r\n");
        await foreach (var error in errors.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(
                ',',
                error.RecordIndex.ToString(CultureInfo.InvariantCulture),
                error.Line?.ToString(CultureInfo.InvariantCulture) ?? "",
                Text(error.Nip),
                Text(error.Pointer),
                Text(error.Code),
                Text(error.Message)) + "\r\n");
        }
    }

    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
