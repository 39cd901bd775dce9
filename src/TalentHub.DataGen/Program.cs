using System.Diagnostics;
using TalentHub.DataGen;

GeneratorOptions options;
try
{
    options = GeneratorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var stopwatch = Stopwatch.StartNew();
var summary = DatasetGenerator.Generate(options);
Console.WriteLine(
    $"{summary.People} people, {summary.Records} records in {summary.Agencies} agencies written to {options.Output} in {stopwatch.Elapsed.TotalSeconds:F1} s");
return 0;
