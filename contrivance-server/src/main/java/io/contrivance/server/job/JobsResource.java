package io.contrivance.server.job;

import io.contrivance.server.auth.AdminsOnly;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admins' view of the job queue: counts per queue and state, one job, and what to do with a dead one. */
@Path("/")
@RequestScoped
@Authenticated
@AdminsOnly
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Jobs")
public class JobsResource {

  @Inject Jobs jobs;
  @Inject CurrentUser currentUser;

  /** One queue's jobs by state, and how long its oldest waiting job has been ready to run. */
  public record QueueStats(String queue, long waiting, long running, long done, long dead, long discarded, long oldestWaitingSeconds) {}

  /** The queue stats. */
  public record Stats(List<QueueStats> queues) {}

  public record StatsAnswer(boolean success, Stats data) {}

  public record JobAnswer(boolean success, Job data) {}

  @GET
  @Path("queue-stats")
  @Operation(operationId = "getQueueStats", summary = "Jobs per queue and state, and the oldest waiting job's age in seconds (admins)")
  @APIResponse(responseCode = "200", description = "The counts", content = @Content(schema = @Schema(implementation = StatsAnswer.class)))
  public ApiResponse<Stats> stats() {
    currentUser.requireAdmin();
    Map<String, long[]> byQueue = new LinkedHashMap<>();
    for (JobQueue.Count count : jobs.queue().counts()) {
      long[] c = byQueue.computeIfAbsent(count.queue(), q -> new long[6]);
      switch (count.state()) {
        case "waiting" -> {
          c[0] = count.count();
          c[5] = count.oldestSeconds();
        }
        case "running" -> c[1] = count.count();
        case "done" -> c[2] = count.count();
        case "dead" -> c[3] = count.count();
        default -> c[4] = count.count();
      }
    }
    List<QueueStats> queues = new ArrayList<>();
    byQueue.forEach((queue, c) -> queues.add(new QueueStats(queue, c[0], c[1], c[2], c[3], c[4], c[5])));
    return ApiResponse.of(new Stats(queues));
  }

  @GET
  @Path("jobs/{id}")
  @Operation(operationId = "getJob", summary = "One job: its state, tries and last error (admins)")
  @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobAnswer.class)))
  public ApiResponse<Job> job(@PathParam("id") String id) {
    currentUser.requireAdmin();
    return ApiResponse.of(ApiException.found(jobs.queue().get(id), "job"));
  }

  @POST
  @Path("jobs/{id}/retry")
  @Operation(operationId = "retryJob", summary = "Try a dead or discarded job again, with fresh tries (admins)")
  @APIResponse(responseCode = "200", description = "Waiting again", content = @Content(schema = @Schema(implementation = JobAnswer.class)))
  public ApiResponse<Job> retry(@PathParam("id") String id) {
    return change(id, jobs.queue()::retry, "job_not_dead", "Only a dead or discarded job can be retried");
  }

  @POST
  @Path("jobs/{id}/discard")
  @Operation(operationId = "discardJob", summary = "Give up a dead or waiting job (admins)")
  @APIResponse(responseCode = "200", description = "Discarded", content = @Content(schema = @Schema(implementation = JobAnswer.class)))
  public ApiResponse<Job> discard(@PathParam("id") String id) {
    return change(id, jobs.queue()::discard, "job_not_discardable", "Only a dead or waiting job can be discarded");
  }

  /** An admin's change to a job; 409 with the job's state when the change does not apply to it. */
  private ApiResponse<Job> change(String id, Predicate<String> change, String code, String refusal) {
    currentUser.requireAdmin();
    Job job = ApiException.found(jobs.queue().get(id), "job");
    if (!change.test(id)) {
      throw ApiException.conflict(code, refusal + "; this one is " + job.state());
    }
    return ApiResponse.of(jobs.queue().get(id).orElseThrow());
  }
}
