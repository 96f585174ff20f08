package uk.ccmt.environment;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeploymentController {

  private final DeploymentRequests requests;
  private final DeploymentService deployments;
  private final EnvironmentRollbacks rollbacks;

  DeploymentController(
      DeploymentRequests requests, DeploymentService deployments, EnvironmentRollbacks rollbacks) {
    this.requests = requests;
    this.deployments = deployments;
    this.rollbacks = rollbacks;
  }

  @PostMapping("/api/releases/{id}/deployments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> deploy(@PathVariable String id, @RequestBody DeploymentRequest request) {
    return requests.request(id, request.environment());
  }

  @GetMapping("/api/environments")
  List<EnvironmentView> environments() {
    return deployments.environments();
  }

  /** A recorded rollback: the environment goes back to an earlier release's build, for a reason. */
  @PostMapping("/api/environments/{environment}/rollback")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Rollback rollback(
      @PathVariable String environment, @RequestBody RollbackRequest request, Principal user) {
    return rollbacks.request(environment, request.releaseId(), request.reason(), user.getName());
  }

  record DeploymentRequest(String environment) {}

  record RollbackRequest(String releaseId, String reason) {}
}
