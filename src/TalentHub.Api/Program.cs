using TalentHub.Api.Hosting;

return await HostCommands.RunAsync(args);

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
