package uk.ccmt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CcmtApplication {

  public static void main(String[] args) {
    SpringApplication.run(CcmtApplication.class, args);
  }
}
