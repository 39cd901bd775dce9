using TalentHub.Benchmarks;

return await BenchmarkRun.RunAsync(args);
