package uk.ccmt.environment;

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

  DeploymentController(DeploymentRequests requests, DeploymentService deployments) {
    this.requests = requests;
    this.deployments = deployments;
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

  record DeploymentRequest(String environment) {
  }
}
