using Actors.Silo.Extensions;

// appsettings.json ships next to the binary; the data folder stays relative to where the silo is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSilo();

var app = builder.Build();
app.MapSilo();
app.Run();
