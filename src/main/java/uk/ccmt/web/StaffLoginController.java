package uk.ccmt.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff pages' sign-in form (issue 17): Spring Security's form login posts to the same path
 * (SecurityConfig), checked against the Camunda users, so the browser never shows a Basic prompt.
 */
@Controller
class StaffLoginController {

  @GetMapping("/staff/login")
  String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      @RequestParam(required = false) String expired,
      Model model) {
    model.addAttribute("failed", error != null);
    model.addAttribute("signedOut", logout != null);
    model.addAttribute("expired", expired != null);
    return "staff-login";
  }
}
