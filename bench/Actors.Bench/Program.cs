using Actors.Bench;

return await BenchCommand.RunAsync(args);
