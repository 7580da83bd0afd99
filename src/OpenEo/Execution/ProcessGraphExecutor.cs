namespace Actors.OpenEo.Execution;

// SKELETON: replaced by the execution work.
public sealed class ProcessGraphExecutor : IProcessGraphExecutor
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
}
