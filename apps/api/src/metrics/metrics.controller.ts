import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { checkScrapeToken, Metrics, writeScrape } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * Prometheus' scrape target. Not an API operation (left out of the OpenAPI document) and not behind the API key
 * guard: a scraper holds METRICS_TOKEN, not a customer's key.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    checkScrapeToken(req, this.config.metrics.token);
    await writeScrape(res, this.metrics);
  }
}
